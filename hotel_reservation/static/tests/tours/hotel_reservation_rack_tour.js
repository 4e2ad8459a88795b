import { registry } from "@web/core/registry";

/** Drag the bar of ``guest`` onto the same nights of room ``room``. */
function dragToRoom(guest, room) {
    return {
        content: `Drag ${guest}'s stay onto room ${room}`,
        trigger: `.o_hotel_rack_bar:contains('${guest}')`,
        async run(helpers) {
            const bar = this.anchor;
            const left = parseFloat(bar.style.left) + parseFloat(bar.style.width) / 2;
            await helpers.drag_and_drop(`.o_hotel_rack_row[data-room='${room}'] .o_hotel_rack_cells`, {
                position: { top: 15, left },
                relative: true,
            });
        },
    };
}

// Front desk on the room rack: move a stay to another room by drag and drop,
// see a move onto a taken room refused, book an empty cell.
registry.category("web_tour.tours").add("hotel_reservation_rack_tour", {
    url: "/odoo/action-hotel_reservation.action_hotel_room_rack",
    steps: () => [
        {
            content: "The rack shows the stay of Rack Guest A in room K1",
            trigger: ".o_hotel_rack_row[data-room='K1'] .o_hotel_rack_bar:contains('Rack Guest A')",
        },
        dragToRoom("Rack Guest A", "K2"),
        {
            content: "The move is shown for confirmation",
            trigger: ".modal:contains('Move') .modal-body:contains('K2')",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Moved",
            trigger: ".o_notification:contains('moved')",
        },
        {
            content: "The rack is read again: the stay is in K2",
            trigger: ".o_hotel_rack_row[data-room='K2'] .o_hotel_rack_bar:not(.o_hotel_rack_dragging):contains('Rack Guest A')",
        },
        dragToRoom("Rack Guest B", "K2"),
        {
            content: "Confirm the move onto the taken room",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Refused with the forms' message",
            trigger: ".o_notification:contains('is already booked')",
        },
        {
            content: "Nothing changed: B is still in K3",
            trigger: ".o_hotel_rack_row[data-room='K3'] .o_hotel_rack_bar:contains('Rack Guest B')",
        },
        {
            content: "Click an empty night of K1 (the third column)",
            trigger: ".o_hotel_rack_row[data-room='K1'] .o_hotel_rack_cells",
            run() {
                const width = parseFloat(getComputedStyle(this.anchor).getPropertyValue("--rack-cell")) || 76;
                const rect = this.anchor.getBoundingClientRect();
                const at = { bubbles: true, button: 0, pointerId: 1, clientX: rect.left + width * 2.5, clientY: rect.top + 15 };
                this.anchor.dispatchEvent(new PointerEvent("pointerdown", at));
                window.dispatchEvent(new PointerEvent("pointerup", at));
            },
        },
        {
            content: "The booking form opens on room K1 with its price",
            trigger: ".modal .o_field_widget[name='room_id']:contains('K1')",
        },
        {
            content: "One room of its type to book",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains('Rack Double') td[name='quantity']:contains('1')",
        },
        {
            content: "Pick the guest",
            trigger: ".modal .o_field_widget[name='partner_id'] input",
            run: "edit Rack Guest C",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Rack Guest C')",
            run: "click",
        },
        {
            content: "Book",
            trigger: ".modal button[name='action_book']",
            run: "click",
        },
        {
            content: "The new booking opens",
            trigger: ".o_form_view .o_data_row:contains('Rack Guest C'):contains('K1')",
        },
    ],
});

// A guest walks in: from the front desk's Today board to a checked-in stay with its deposit.
registry.category("web_tour.tours").add("hotel_reservation_walk_in_tour", {
    url: "/odoo/action-hotel_base.action_hotel_home",
    steps: () => [
        {
            content: "Today's board: nobody in house yet",
            trigger: ".o_kanban_record:contains('Walk-in Tour Inn') button[name='action_desk_in_house']:contains('0')",
        },
        {
            content: "Walk-in",
            trigger: ".o_kanban_record:contains('Walk-in Tour Inn') button[name='action_desk_walk_in']",
            run: "click",
        },
        {
            content: "A new guest: type the name",
            trigger: ".modal .o_field_widget[name='partner_id'] input",
            run: "edit Walk-in Guest Zhao",
        },
        {
            content: "Create the guest",
            trigger: ".o-autocomplete--dropdown-item a:contains('Create')",
            run: "click",
        },
        {
            content: "Pick a ready room",
            trigger: ".modal .o_field_widget[name='room_id'] input",
            run: "edit W2",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('W2')",
            run: "click",
        },
        {
            content: "The stay's price is proposed as the deposit",
            trigger: ".modal .o_field_widget[name='deposit'] input:value(/[1-9]/)",
        },
        {
            content: "Check in",
            trigger: ".modal button[name='action_check_in']",
            run: "click",
        },
        {
            content: "The stay is in house",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Checked In')",
        },
    ],
});
