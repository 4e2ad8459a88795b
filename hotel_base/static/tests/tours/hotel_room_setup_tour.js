import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hotel_base_room_setup_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Hotel app",
            trigger: ".o_app[data-menu-xmlid='hotel_base.menu_hotel_root']",
            run: "click",
        },
        {
            content: "Open Configuration",
            trigger: ".o-dropdown[data-menu-xmlid='hotel_base.menu_hotel_config']",
            run: "click",
        },
        {
            content: "Go to Room Types",
            trigger: ".o-dropdown-item[data-menu-xmlid='hotel_base.menu_hotel_config_room_type']",
            run: "click",
        },
        {
            content: "The room type list is shown",
            trigger: ".o_last_breadcrumb_item:contains('Room Types')",
        },
        {
            content: "Create a room type",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour Garden Suite",
        },
        {
            content: "Give it a code",
            trigger: ".o_field_widget[name='code'] input",
            run: "edit TGS",
        },
        {
            content: "Sleeps three",
            trigger: ".o_field_widget[name='max_occupancy'] input",
            run: "edit 3",
        },
        {
            content: "Set the nightly rate",
            trigger: ".o_field_widget[name='list_price'] input",
            run: "edit 688",
        },
        {
            content: "The property defaults to the user's own",
            trigger: ".o_field_widget[name='property_id'] input:value(Tour Lakeside Hotel)",
        },
        ...stepUtils.saveForm(),
        {
            content: "Open Configuration again",
            trigger: ".o-dropdown[data-menu-xmlid='hotel_base.menu_hotel_config']",
            run: "click",
        },
        {
            content: "Go to Rooms",
            trigger: ".o-dropdown-item[data-menu-xmlid='hotel_base.menu_hotel_config_room']",
            run: "click",
        },
        {
            content: "The room list is shown",
            trigger: ".o_last_breadcrumb_item:contains('Rooms')",
        },
        {
            content: "Create a room",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Room number",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit T901",
        },
        {
            content: "Pick the new room type",
            trigger: ".o_field_widget[name='room_type_id'] input",
            run: "edit Tour Garden",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Garden Suite')",
            run: "click",
        },
        {
            content: "Open the view choices",
            trigger: ".o_field_widget[name='view'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Lake view",
            trigger: ".o_select_menu_item:contains('Lake view')",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "Back to the room list",
            trigger: ".breadcrumb-item a:contains('Rooms')",
            run: "click",
        },
        {
            content: "The new room is listed with its type and property",
            trigger: ".o_data_row:contains('T901'):contains('Tour Garden Suite'):contains('Tour Lakeside Hotel')",
        },
    ],
});
