import { registry } from "@web/core/registry";

// An attendant on a phone: the Hotel app opens on today's tasks; start the first
// room and finish it.
registry.category("web_tour.tours").add("hotel_housekeeping_attendant_tour", {
    url: "/odoo/action-hotel_base.action_hotel_home",
    steps: () => [
        {
            content: "Today's tasks, room HK1 first",
            trigger: ".o_kanban_record:first:contains('HK1'):contains('Departure Clean')",
        },
        {
            content: "Start cleaning",
            trigger: ".o_kanban_record:first:contains('HK1') button[name='action_start']",
            run: "click",
        },
        {
            content: "Finish",
            trigger: ".o_kanban_record:contains('HK1') button[name='action_done']",
            run: "click",
        },
        {
            content: "The room is clean: the task leaves the open list",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains('HK1')))",
        },
        {
            content: "Something left behind in HK2",
            trigger: ".o_kanban_record:contains('HK2') button[name='action_found_item']",
            run: "click",
        },
        {
            content: "What it is",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Phone charger",
        },
        {
            content: "Where it is kept",
            trigger: ".modal .o_field_widget[name='storage_location'] input",
            run: "edit Housekeeping office",
        },
        {
            content: "Save",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Back on the tasks",
            trigger: "body:not(:has(.modal)) .o_kanban_record:contains('HK2')",
        },
    ],
});

// The supervisor inspects the finished room from the board (today's tasks by attendant).
registry.category("web_tour.tours").add("hotel_housekeeping_supervisor_tour", {
    url: "/odoo/action-hotel_housekeeping.action_hotel_housekeeping_board",
    steps: () => [
        {
            content: "Pass the inspection of HK1",
            trigger: ".o_kanban_record:contains('HK1') button[name='action_inspect_pass']",
            run: "click",
        },
        {
            content: "Inspected",
            trigger: ".o_kanban_record:contains('HK1'):contains('Inspected')",
        },
    ],
});

// The front desk's status board: room HK1 is shown with its cleanliness.
for (const [name, state] of [["dirty", "Dirty"], ["inspected", "Inspected"]]) {
    registry.category("web_tour.tours").add(`hotel_housekeeping_status_board_${name}_tour`, {
        url: "/odoo/action-hotel_housekeeping.action_hotel_room_status",
        steps: () => [
            {
                content: `Room HK1 is ${state}`,
                trigger: `.o_kanban_record:contains('HK1') .o_field_widget[name='hk_state']:contains('${state}')`,
            },
        ],
    });
}
