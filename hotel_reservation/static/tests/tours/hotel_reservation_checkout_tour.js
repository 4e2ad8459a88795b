import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hotel_reservation_checkout_tour", {
    steps: () => [
        {
            content: "Post an extra",
            trigger: ".o_form_view button[name='action_post_charge']",
            run: "click",
        },
        {
            content: "Choose breakfast",
            trigger: ".modal .o_field_widget[name='product_id'] input",
            run: "edit Breakfast",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Breakfast')",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_post']",
            run: "click",
        },
        {
            content: "Open the charges",
            trigger: ".o_notebook .nav-link:contains('Charges')",
            run: "click",
        },
        {
            content: "The charge is on the folio",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Breakfast')",
        },
        {
            content: "Take the payment",
            trigger: ".o_form_view button[name='action_register_deposit']",
            run: "click",
        },
        {
            content: "The balance is proposed",
            trigger: ".modal .o_field_widget[name='amount'] input:not(:value(0.00))",
        },
        {
            trigger: ".modal button[name='action_register']",
            run: "click",
        },
        {
            content: "Nothing left to pay",
            trigger: ".o_field_widget[name='amount_due']:contains('0.00')",
        },
        {
            content: "Back to the rooms",
            trigger: ".o_notebook .nav-link:contains('Rooms')",
            run: "click",
        },
        {
            content: "Check the guest out",
            trigger: ".o_field_widget[name='reservation_ids'] .o_data_row button[name='action_check_out']",
            run: "click",
        },
        {
            content: "The posted invoice is there",
            trigger: "button[name='action_view_invoices']",
            run: "click",
        },
        {
            content: "It is posted and paid",
            trigger: ".o_data_row:contains('Paid')",
        },
    ],
});
