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

// Every screen of the addon in one browser: each action in each of its views (a client error fails it).
function screens(action, views, openRow, first = "list") {
    const steps = [
        {
            content: `Open ${action}`,
            trigger: "body",
            run: `goToUrl /odoo/action-hotel_crm_campaigns.${action}`,
            expectUnloadPage: true,
        },
        { content: `${action}: ${first}`, trigger: `.o_action_manager .o_${first}_view` },
    ];
    for (const view of views) {
        steps.push(
            { content: `${action}: ${view}`, trigger: `.o_switch_view.o_${view}`, run: "click" },
            { content: `${action}: ${view} drawn`, trigger: `.o_action_manager .o_${view}_view` },
        );
    }
    if (openRow) {
        if (views.length) {
            steps.push({ content: `${action}: back to the list`, trigger: ".o_switch_view.o_list", run: "click" });
        }
        steps.push(
            { content: `${action}: a record`, trigger: ".o_list_view .o_data_row .o_data_cell", run: "click" },
            { content: `${action}: its form`, trigger: ".o_action_manager .o_form_view" },
        );
    }
    return steps;
}

registry.category("web_tour.tours").add("hotel_crm_views_tour", {
    steps: () => [
        ...screens("action_hotel_guest_metric", ["pivot", "graph"], true),
        ...screens("action_hotel_segment", [], true),
        ...screens("action_hotel_journey", [], true),
        ...screens("action_hotel_campaign", [], true),
        ...screens("action_hotel_campaign_result", ["pivot", "graph"], false),
        ...screens("action_hotel_complaint", ["kanban", "pivot", "graph"], true),
        ...screens("action_hotel_complaint_trends", ["pivot"], false, "graph"),
        ...screens("action_hotel_feedback_report", ["pivot", "list"], false, "graph"),
    ],
});
