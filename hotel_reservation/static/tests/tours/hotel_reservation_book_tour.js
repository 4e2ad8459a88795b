import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hotel_reservation_book_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Hotel app",
            trigger: ".o_app[data-menu-xmlid='hotel_base.menu_hotel_root']",
            run: "click",
        },
        {
            content: "Open Front Desk",
            trigger: ".o-dropdown[data-menu-xmlid='hotel_base.menu_hotel_frontdesk']",
            run: "click",
        },
        {
            content: "Open Availability",
            trigger: ".o-dropdown-item[data-menu-xmlid='hotel_reservation.menu_hotel_availability']",
            run: "click",
        },
        {
            // Wait for the search of the default stay (one night from today) before editing it:
            // an edit made while the form still loads can be overwritten by that first answer.
            content: "Tonight's availability is listed",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Tour Garden Double'):contains('462.00')",
        },
        {
            content: "Two nights (committed before the guest is picked: two onchanges in flight at once could lose it)",
            trigger: ".o_field_widget[name='nights'] input",
            run: "edit 2 && click body",
        },
        {
            content: "The two-night price is computed before the guest is chosen",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Tour Garden Double'):contains('924.00')",
        },
        {
            content: "Pick the guest",
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Tour Guest Sun",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Guest Sun Li')",
            run: "click",
        },
        {
            content: "The free room type is listed with its two free rooms and the two-night price",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Tour Garden Double'):contains('924.00')",
        },
        {
            content: "Book one room",
            trigger: ".o_data_row:contains('Tour Garden Double') td[name='quantity']",
            run: "click",
        },
        {
            trigger: ".o_data_row .o_field_widget[name='quantity'] input",
            run: "edit 1",
        },
        {
            content: "Book",
            trigger: "button[name='action_book']",
            run: "click",
        },
        {
            content: "The folio opens with its quotation",
            trigger: ".o_form_view .o_field_widget[name='reservation_ids'] .o_data_row:contains('Tour Garden Double')",
        },
        {
            content: "Confirm the booking",
            trigger: ".o_form_view button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The room is assigned and the booking confirmed",
            trigger: ".o_field_widget[name='reservation_ids'] .o_data_row:contains('G1'):contains('Confirmed')",
        },
    ],
});
