import { registry } from "@web/core/registry";

// A marketer builds the "families" segment, sends a test of a campaign to it
// and opens the campaign's results.
registry.category("web_tour.tours").add("hotel_crm_marketer_tour", {
    steps: () => [
        {
            content: "New segment",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour families",
        },
        {
            content: "Guests who travel with children",
            trigger: ".o_form_view .o_field_widget[name='domain'] textarea",
            run: "edit [('travel_kind', '=', 'family')] && click .o_form_view .oe_title label",
        },
        {
            content: "The filter reads as the traveller kind",
            trigger: ".o_form_view .o_field_widget[name='domain']:contains('Traveller')",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the segment counts its guests",
            trigger: ".o_breadcrumb:contains('Tour families')",
        },
        {
            content: "Guests of the segment",
            trigger: ".o_form_view button[name='action_view_guests'] .o_stat_value",
        },
        {
            content: "Write them an e-mail",
            trigger: ".o_form_view button[name='action_new_email']",
            run: "click",
        },
        {
            content: "The campaign targets the segment",
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: "edit Kids stay free this spring",
        },
        {
            content: "Save the campaign",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_breadcrumb:contains('Kids stay free this spring')",
        },
        {
            content: "Send a test",
            trigger: ".o_form_view button[name='action_test']",
            run: "click",
        },
        {
            content: "To the marketer's own address",
            trigger: ".modal .o_field_widget[name='email_to'] textarea",
            run: "edit tour.marketer@example.com",
        },
        {
            content: "Send it",
            trigger: ".modal button[name='send_mail_test']",
            run: "click",
        },
        {
            content: "Open the results",
            trigger: ".o_form_view:not(:has(.modal)) button[name='action_hotel_results']",
            run: "click",
        },
        {
            content: "The campaign is in the results",
            trigger: ".o_list_view .o_data_cell:contains('Kids stay free this spring')",
        },
    ],
});
