import { registry } from "@web/core/registry";

// Front desk records a guest's passport from the guest form, then tries to record it
// again: the second time is refused, and nothing of the number stays behind.
registry.category("web_tour.tours").add("hotel_base_document_register_tour", {
    steps: () => [
        {
            content: "Open the guest's Hotel tab",
            trigger: ".o_notebook .nav-link:contains('Hotel')",
            run: "click",
        },
        {
            content: "Register an ID document",
            trigger: "button[name='action_register_hotel_document']",
            run: "click",
        },
        {
            content: "The dialog proposes the desk's property",
            trigger: ".modal .o_field_widget[name='property_id'] input:value('Tour Register Hotel')",
        },
        {
            content: "Open the document types",
            trigger: ".modal .o_field_widget[name='document_type'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Passport",
            trigger: ".o_select_menu_item:contains('Passport')",
            run: "click",
        },
        {
            content: "Its number",
            trigger: ".modal .o_field_widget[name='number'] input",
            run: "edit E 1234 5678",
        },
        {
            content: "Register",
            trigger: ".modal button[name='action_register']",
            run: "click",
        },
        {
            content: "Recorded",
            trigger: ".o_notification:contains('ID document recorded for Tour Guest Zhou')",
        },
        {
            content: "Register it again",
            trigger: "body:not(:has(.modal)) button[name='action_register_hotel_document']",
            run: "click",
        },
        {
            content: "Open the document types",
            trigger: ".modal .o_field_widget[name='document_type'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Passport again",
            trigger: ".o_select_menu_item:contains('Passport')",
            run: "click",
        },
        {
            content: "The same number",
            trigger: ".modal .o_field_widget[name='number'] input",
            run: "edit E12345678",
        },
        {
            content: "Register",
            trigger: ".modal button[name='action_register']",
            run: "click",
        },
        {
            content: "Refused with the reason; close the message",
            trigger: ".modal:contains('This guest already has this document (*****5678) on file') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Discard the registration",
            trigger: ".modal button.btn-secondary:contains('Discard')",
            run: "click",
        },
        {
            content: "Back on the guest",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name='name']",
        },
    ],
});
