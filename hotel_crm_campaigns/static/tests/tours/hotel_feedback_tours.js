import { registry } from "@web/core/registry";

// A guest answers the post-stay survey from the personal link of the mail: a 0 to recommend,
// 2 for cleanliness, a comment; the thank-you page invites every respondent to a public review.
// Questions are found by their place, not their wording: the guest may read the survey in Chinese.
registry.category("web_tour.tours").add("hotel_guest_survey_tour", {
    steps: () => [
        {
            content: "Start the survey",
            trigger: "button[value='start']",
            run: "click",
        },
        {
            content: "Would not recommend us: 0",
            trigger: "div.js_question-wrapper:eq(0) label:has(input[value='0'])",
            run: "click",
        },
        {
            content: "Cleanliness: 2 of 5",
            trigger: "div.js_question-wrapper:eq(2) label:has(input[value='2'])",
            run: "click",
        },
        {
            content: "Service: 4 of 5",
            trigger: "div.js_question-wrapper:eq(1) label:has(input[value='4'])",
            run: "click",
        },
        {
            content: "A comment",
            trigger: "div.js_question-wrapper:eq(7) textarea",
            run: "edit The room smelled of smoke.",
        },
        {
            content: "Submit",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Thank you",
            trigger: ".o_survey_finished",
        },
        {
            content: "Invited to post a public review, whatever the score",
            trigger: ".o_hotel_review_invite a[href='https://reviews.example.com/riverside']",
        },
    ],
});

// A desk user records a complaint, finds its cause, resolves it and sends the written reply.
registry.category("web_tour.tours").add("hotel_complaint_desk_tour", {
    steps: () => [
        {
            content: "New complaint",
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "What it is about",
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: "edit Air conditioning too loud",
        },
        {
            content: "The guest",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit Tour Complainer",
        },
        {
            content: "Pick the guest",
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Complainer')",
            run: "click",
        },
        {
            content: "Category: room condition",
            trigger: ".o_form_view .o_field_widget[name='category'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Room Condition",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('Room Condition')",
            run: "click",
        },
        {
            content: "category chosen",
            trigger: ".o_form_view .o_field_widget[name='category'] input:value('Room Condition')",
        },
        {
            content: "In the guest's words",
            trigger: ".o_form_view .o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor The air conditioning rattled all night.",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with a reference",
            trigger: ".o_form_view .o_field_widget[name='name'] span:contains('CMP/')",
        },
        {
            content: "Classify",
            trigger: ".o_form_view button[name='action_classify']",
            run: "click",
        },
        {
            // the button reloads the record: what is typed before the reload would be lost
            content: "Classified",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Classified')",
        },
        {
            content: "Cause and resolution",
            trigger: ".o_form_view .o_notebook a:contains('Cause and Resolution')",
            run: "click",
        },
        {
            content: "The cause",
            trigger: ".o_form_view .o_field_widget[name='cause'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Equipment or Maintenance Failure",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('Equipment or Maintenance Failure')",
            run: "click",
        },
        {
            content: "cause chosen",
            trigger: ".o_form_view .o_field_widget[name='cause'] input:value('Equipment or Maintenance Failure')",
        },
        {
            content: "What we did",
            trigger: ".o_form_view .o_field_widget[name='resolution'] .odoo-editor-editable",
            run: "editor Fan replaced by maintenance; guest moved for the night.",
        },
        {
            content: "Save the cause and the resolution",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Resolved",
            trigger: ".o_form_view button[name='action_resolve']",
            run: "click",
        },
        {
            content: "Resolved: the reply can be sent",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Resolved')",
        },
        {
            content: "The written reply",
            trigger: ".o_form_view .o_notebook a:contains('Written Reply')",
            run: "click",
        },
        {
            content: "Write it",
            trigger: ".o_form_view .o_field_widget[name='reply_body'] .odoo-editor-editable",
            run: "editor Dear guest, we are sorry for the noise: the unit has been repaired.",
        },
        {
            content: "Send it",
            trigger: ".o_form_view button[name='action_send_reply']",
            run: "click",
        },
        {
            content: "Replied",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Replied')",
        },
        {
            content: "The reply is kept on the case",
            trigger: ".o-mail-Message:contains('the unit has been repaired')",
        },
    ],
});
