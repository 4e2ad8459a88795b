import { Component, markRaw, onMounted, onPatched, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

// Width of a night's column for each page length (px): 31 nights fit 1,280 px.
const CELL_WIDTH = { 7: 140, 14: 76, 31: 36 };
const ROOM_COLUMN = 150;

/**
 * The room rack (房态图): rooms by room type x nights, one bar per stay.
 * Everything shown comes from one server call (hotel.property.get_room_rack);
 * every change goes through the server's rules (rack_move, the availability
 * wizard) and the rack is read again afterwards, so nothing stale is written.
 */
export class RoomRack extends Component {
    static template = "hotel_reservation.RoomRack";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.ui = useService("ui");
        const context = this.props.action.context || {};
        this.state = useState({
            properties: [],
            propertyId: context.default_property_id || false,
            dateFrom: context.rack_date_from || false,
            days: context.rack_days || 14,
            data: null,
            drag: null,
            selection: null,
            dayIndex: 1,
        });
        // Timings of the last page (data call, then drawing), read by the render benchmark.
        const rendered = () => {
            if (this.pendingRender) {
                void document.body.offsetHeight; // style and layout of the new page included
                const now = performance.now();
                window.__hotelRackTimings = {
                    data_ms: this.pendingRender.data,
                    render_ms: Math.round(now - this.pendingRender.received),
                    rooms: this.state.data.groups.reduce((n, group) => n + group.rooms.length, 0),
                    stays: this.state.data.stays.length,
                    days: this.state.data.days.length,
                };
                this.pendingRender = null;
            }
        };
        onMounted(rendered);
        onPatched(rendered);
        onWillStart(async () => {
            this.state.properties = await this.orm.searchRead("hotel.property", [], ["name"]);
            if (!this.state.propertyId && this.state.properties.length) {
                this.state.propertyId = this.state.properties[0].id;
            }
            await this.load();
        });
    }

    // ------------------------------------------------------------------ data
    async load() {
        if (!this.state.propertyId) {
            return;
        }
        const start = performance.now();
        // a drag or a selection begun while the page loads is the user's: keep it
        const { drag, selection } = this.state;
        const request = (this.lastRequest = (this.lastRequest || 0) + 1);
        const data = await this.orm.call("hotel.property", "get_room_rack", [
            [this.state.propertyId],
            this.state.dateFrom,
            this.state.days,
        ]);
        if (request !== this.lastRequest) {
            return; // a later page was asked for meanwhile (quick clicks): that one is shown
        }
        const received = performance.now();
        this.pendingRender = { data: Math.round(received - start), received };
        this.index(data);
        this.state.dateFrom = data.date_from;
        // read-only page data: no reactive proxy over thousands of stays
        this.state.data = markRaw(data);
        if (this.state.drag === drag) {
            this.state.drag = null;
        }
        if (this.state.selection === selection) {
            this.state.selection = null;
        }
    }

    /**
     * Night indexes of every stay and block, by room, computed once per page
     * (drawing a room then costs its own bars, not a scan of the page's stays).
     */
    index(data) {
        const from = Date.parse(data.date_from);
        const day = (dateString) => Math.round((Date.parse(dateString) - from) / 86400000);
        this.staysByRoom = {};
        for (const stay of data.stays) {
            stay.start = day(stay.arrival);
            stay.stop = day(stay.departure);
            (this.staysByRoom[stay.room_id] ||= []).push(stay);
        }
        this.blocksByRoom = {};
        for (const block of data.blocks) {
            block.startIndex = day(block.start);
            block.stopIndex = day(block.stop);
            (this.blocksByRoom[block.room_id] ||= []).push(block);
        }
    }

    get cellWidth() {
        return CELL_WIDTH[this.state.days] || 76;
    }

    get gridWidth() {
        return ROOM_COLUMN + this.cellWidth * this.state.data.days.length;
    }

    addDays(dateString, days) {
        return DateTime.fromISO(dateString).plus({ days }).toISODate();
    }

    barsOf(roomId) {
        const drag = this.state.drag;
        const last = this.state.data.days.length;
        let stays = this.staysByRoom[roomId] || [];
        if (drag) {
            // the dragged stay is drawn where the pointer is
            stays = stays.filter((stay) => stay.id !== drag.stay.id);
            if ((drag.mode === "move" ? drag.roomId : drag.stay.room_id) === roomId) {
                stays = [...stays, drag.stay];
            }
        }
        const bars = [];
        for (const stay of stays) {
            let { start, stop } = stay;
            const dragged = Boolean(drag) && drag.stay.id === stay.id;
            if (dragged) {
                if (drag.mode === "move") {
                    start += drag.offset;
                    stop += drag.offset;
                } else {
                    stop = Math.max(start + 1, stop + drag.offset);
                }
            }
            if (stop <= 0 || start >= last) {
                continue;
            }
            bars.push({
                stay,
                dragged,
                style: this.barStyle(start, stop),
                clippedStart: start < 0,
                clippedEnd: stop > last,
            });
        }
        return bars;
    }

    blocksOf(roomId) {
        const last = this.state.data.days.length;
        return (this.blocksByRoom[roomId] || []).map((block) => ({
            ...block,
            style: this.barStyle(Math.max(block.startIndex, 0), Math.min(block.stopIndex, last)),
        }));
    }

    barStyle(start, stop) {
        const from = Math.max(start, 0);
        const to = Math.min(stop, this.state.data.days.length);
        return `left: ${from * this.cellWidth + 2}px; width: ${Math.max((to - from) * this.cellWidth - 4, 8)}px;`;
    }

    selectionStyle(roomId) {
        const sel = this.state.selection;
        if (!sel || sel.roomId !== roomId) {
            return "";
        }
        const [a, b] = [Math.min(sel.start, sel.end), Math.max(sel.start, sel.end)];
        return this.barStyle(a, b + 1);
    }

    // ------------------------------------------------------------------ navigation
    async shift(days) {
        // from the page asked for last (quick clicks add up)
        this.state.dateFrom = this.addDays(this.state.dateFrom || this.state.data.date_from, days);
        await this.load();
    }

    async goToday() {
        this.state.dateFrom = this.addDays(this.state.data.today, -1);
        await this.load();
    }

    async onDateChange(ev) {
        if (ev.target.value) {
            this.state.dateFrom = ev.target.value;
            await this.load();
        }
    }

    async setDays(days) {
        this.state.days = days;
        await this.load();
    }

    async onPropertyChange(ev) {
        this.state.propertyId = parseInt(ev.target.value);
        await this.load();
    }

    // ------------------------------------------------------------------ pointer: bars
    onBarPointerDown(ev, stay, mode) {
        if (ev.button !== 0) {
            return;
        }
        ev.stopPropagation();
        ev.preventDefault();
        this.state.drag = {
            stay,
            mode,
            x: ev.clientX,
            roomId: stay.room_id,
            offset: 0,
            moved: false,
            movable: ["confirmed", "checked_in", "departing"].includes(stay.state),
        };
        const move = (e) => this.onDragMove(e);
        const up = async (e) => {
            window.removeEventListener("pointermove", move);
            window.removeEventListener("pointerup", up);
            await this.onDragEnd(e);
        };
        window.addEventListener("pointermove", move);
        window.addEventListener("pointerup", up);
    }

    onDragMove(ev) {
        const drag = this.state.drag;
        if (!drag || !drag.movable) {
            return;
        }
        let offset = Math.round((ev.clientX - drag.x) / this.cellWidth);
        if (drag.mode === "move" && drag.stay.state !== "confirmed") {
            offset = 0; // an in-house guest changes room, not arrival date
        }
        let roomId = drag.roomId;
        if (drag.mode === "move") {
            const row = document.elementFromPoint(ev.clientX, ev.clientY)?.closest(".o_hotel_rack_row");
            if (row) {
                roomId = parseInt(row.dataset.roomId);
            }
        }
        if (offset !== drag.offset || roomId !== drag.roomId) {
            drag.moved = true;
        }
        drag.offset = offset;
        drag.roomId = roomId;
    }

    async onDragEnd() {
        const drag = this.state.drag;
        if (!drag) {
            return;
        }
        const stay = drag.stay;
        if (!drag.moved || (drag.offset === 0 && drag.roomId === stay.room_id)) {
            this.state.drag = null;
            return this.openStay(stay.id);
        }
        const arrival = drag.mode === "move" ? this.addDays(stay.arrival, drag.offset) : stay.arrival;
        let departure = this.addDays(stay.departure, drag.offset);
        if (drag.mode === "resize" && departure <= arrival) {
            departure = this.addDays(arrival, 1);
        }
        await this.move(stay, drag.roomId, arrival, departure);
    }

    async move(stay, roomId, arrival, departure) {
        let preview;
        try {
            preview = await this.orm.call("hotel.reservation", "rack_move", [[stay.id], roomId, arrival, departure], {
                preview: true,
            });
        } catch (error) {
            return this.refused(error);
        }
        const room = this.roomName(roomId);
        let body = _t("Move %(stay)s (%(guest)s) to room %(room)s, from %(arrival)s to %(departure)s?", {
            stay: stay.name,
            guest: stay.guest,
            room,
            arrival,
            departure,
        });
        if (preview.before !== null && preview.before !== undefined && preview.before !== preview.after) {
            body +=
                "\n" +
                _t("Room total: %(before)s -> %(after)s %(currency)s.", {
                    before: preview.before.toFixed(2),
                    after: preview.after.toFixed(2),
                    currency: preview.currency,
                });
        }
        this.dialog.add(ConfirmationDialog, {
            title: _t("Move the stay"),
            body,
            confirmLabel: _t("Move"),
            confirm: async () => {
                try {
                    await this.orm.call("hotel.reservation", "rack_move", [[stay.id], roomId, arrival, departure]);
                    this.notification.add(_t("%(stay)s moved.", { stay: stay.name }), { type: "success" });
                } catch (error) {
                    return this.refused(error);
                }
                await this.load();
            },
            cancel: () => this.load(),
        });
    }

    async refused(error) {
        const message = error?.data?.message || error?.message || String(error);
        this.notification.add(message, { title: _t("Not changed"), type: "danger", sticky: true });
        await this.load();
    }

    roomName(roomId) {
        for (const group of this.state.data.groups) {
            const room = group.rooms.find((r) => r.id === roomId);
            if (room) {
                return room.name;
            }
        }
        return "";
    }

    // ------------------------------------------------------------------ pointer: empty cells
    onCellsPointerDown(ev, room) {
        if (ev.button !== 0 || ev.target.closest(".o_hotel_rack_bar, .o_hotel_rack_block")) {
            return;
        }
        const cells = ev.currentTarget;
        const index = (x) => {
            const rect = cells.getBoundingClientRect();
            const last = this.state.data.days.length - 1;
            return Math.min(Math.max(Math.floor((x - rect.left) / this.cellWidth), 0), last);
        };
        this.state.selection = { roomId: room.id, start: index(ev.clientX), end: index(ev.clientX) };
        const move = (e) => {
            if (this.state.selection) {
                this.state.selection.end = index(e.clientX);
            }
        };
        const up = () => {
            window.removeEventListener("pointermove", move);
            window.removeEventListener("pointerup", up);
            this.newBooking();
        };
        window.addEventListener("pointermove", move);
        window.addEventListener("pointerup", up);
    }

    async newBooking() {
        const sel = this.state.selection;
        if (!sel) {
            return;
        }
        const [a, b] = [Math.min(sel.start, sel.end), Math.max(sel.start, sel.end)];
        const arrival = this.state.data.days[a].date;
        const nights = b - a + 1;
        await this.action.doAction(
            {
                type: "ir.actions.act_window",
                name: _t("New Booking"),
                res_model: "hotel.availability.wizard",
                views: [[false, "form"]],
                target: "new",
                context: {
                    default_property_id: this.state.propertyId,
                    default_arrival_date: arrival,
                    default_nights: nights,
                    default_departure_date: this.addDays(arrival, nights),
                    default_room_id: sel.roomId,
                },
            },
            { onClose: () => this.load() }
        );
    }

    async openStay(id) {
        await this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "hotel.reservation",
            res_id: id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    // ------------------------------------------------------------------ phone: one day's rooms
    get phoneDay() {
        return this.state.data.days[Math.min(this.state.dayIndex, this.state.data.days.length - 1)];
    }

    phoneStay(roomId) {
        const day = this.phoneDay.date;
        return (this.staysByRoom[roomId] || []).find((stay) => stay.arrival <= day && day < stay.departure);
    }

    phoneBlock(roomId) {
        const day = this.phoneDay.date;
        return (this.blocksByRoom[roomId] || []).find((block) => block.start <= day && day < block.stop);
    }

    async phoneShift(days) {
        // from the day asked for last, shown once its page has come (quick taps add up)
        const target = this.addDays(this.phoneTarget || this.phoneDay.date, days);
        this.phoneTarget = target;
        this.state.dateFrom = target;
        await this.load();
        if (this.state.data.date_from === target) {
            this.state.dayIndex = 0;
            this.phoneTarget = null;
        }
    }
}

registry.category("actions").add("hotel_room_rack", RoomRack);
