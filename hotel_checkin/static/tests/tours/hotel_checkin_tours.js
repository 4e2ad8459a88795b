import { registry } from "@web/core/registry";

// The desk checks in a room of two: refused while the companion has no ID document,
// the document is registered from the Guests tab, then the check-in goes through
// and the door code shows.
registry.category("web_tour.tours").add("hotel_checkin_desk_tour", {
    steps: () => [
        {
            content: "Check in",
            trigger: ".o_form_view .o_form_statusbar button[name='action_check_in']",
            run: "click",
        },
        {
            content: "Refused: the companion is not registered",
            trigger: ".modal .modal-body:contains('Tour Companion Zhao has no ID document')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Still confirmed",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Confirmed')",
        },
        {
            content: "Guests tab",
            trigger: ".o_form_view .o_notebook a:contains('Guests')",
            run: "click",
        },
        {
            content: "Register the companion's ID",
            trigger: ".o_field_widget[name='guest_ids'] tr:contains('Tour Companion Zhao') button[name='action_register_document']",
            run: "click",
        },
        {
            content: "Document number",
            trigger: ".modal .o_field_widget[name='number'] input",
            run: "edit 110105194912310038",
        },
        {
            content: "Register",
            trigger: ".modal .modal-footer button[name='action_register']",
            run: "click",
        },
        {
            content: "Registered",
            trigger: ".o_field_widget[name='guest_ids'] tr:contains('Tour Companion Zhao') .o_field_badge:contains('Valid')",
        },
        {
            content: "Check in again",
            trigger: ".o_form_view .o_form_statusbar button[name='action_check_in']",
            run: "click",
        },
        {
            content: "Checked in",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Checked In')",
        },
        {
            content: "The door code is shown to the desk",
            trigger: ".o_form_view .o_field_widget[name='door_code'] span:not(:empty)",
        },
    ],
});

// The guest opens the pre-check-in link: an invalid ID number is refused, then the
// companion is registered and the arrival time given.
registry.category("web_tour.tours").add("hotel_precheckin_tour", {
    steps: () => [
        {
            content: "The page of the booking",
            trigger: ".o_hotel_precheckin .o_precheckin_stay",
        },
        {
            content: "Companion's name",
            trigger: ".o_precheckin_add_form input[name='name']",
            run: "edit Tour Guest Qian",
        },
        {
            content: "A mistyped ID number",
            trigger: ".o_precheckin_add_form input[name='document_number']",
            run: "edit 440524188001010015",
        },
        {
            content: "Add",
            trigger: ".o_precheckin_add_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Refused with the reason",
            trigger: ".o_precheckin_error:contains('not a valid Chinese resident identity card number')",
        },
        {
            content: "Name again",
            trigger: ".o_precheckin_add_form input[name='name']",
            run: "edit Tour Guest Qian",
        },
        {
            content: "The right number",
            trigger: ".o_precheckin_add_form input[name='document_number']",
            run: "edit 440524188001010014",
        },
        {
            content: "Add",
            trigger: ".o_precheckin_add_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Registered",
            trigger: ".o_precheckin_message",
        },
        {
            content: "Everyone registered",
            trigger: ".o_precheckin_done",
        },
        {
            content: "Arrival time",
            trigger: "input[name='arrival_time']",
            run: "edit 16:30",
        },
        {
            content: "Save it",
            trigger: "form:has(input[name='arrival_time']) button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved",
            trigger: ".o_precheckin_message:contains('16:30')",
        },
    ],
});
