from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class HotelRoomType(models.Model):
    _inherit = "hotel.room.type"

    def get_availability(self, date_from, date_to):
        """API: sellable rooms per room type and night, from ``date_from`` up to
        (excluding) ``date_to`` ('YYYY-MM-DD'), at most a year.

        :return: {room_type_id: {'YYYY-MM-DD': free_count}}
        """
        dates = self.env["hotel.property"]._api_dates(date_from, date_to)
        if not 0 < (dates[1] - dates[0]).days <= 366:
            raise UserError(self.env._("The end date must be after the start date, at most a year later."))
        return {room_type.id: {day.isoformat(): free for day, free in nights.items()}
                for room_type, nights in self._get_availability(*dates).items()}

    def _get_availability(self, date_from, date_to):
        """Sellable rooms per room type and night, for nights from ``date_from``
        up to (excluding) ``date_to``: active rooms of the type minus ledger rows
        held on rooms of that type. One query whatever the size of the hotel.

        :return: {room_type_record: {date: free_count}}
        """
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if not self or date_to <= date_from:
            return {room_type: {} for room_type in self}
        self.check_access("read")
        self.env["hotel.reservation.night"].flush_model(["room_id", "date", "active"])
        self.env["hotel.room"].flush_model(["room_type_id", "active"])
        self.env.cr.execute(SQL(
            """
            WITH inventory AS (
                SELECT room_type_id, count(*) AS total
                  FROM hotel_room
                 WHERE active AND room_type_id = ANY(%(types)s)
              GROUP BY room_type_id
            ), used AS (
                -- per room, from the unique index of held rows (room, date): only the rooms of these
                -- types are read, not every held row of the period (OFFSET 0 keeps the subquery per room)
                SELECT r.room_type_id, n.date, count(*) AS used
                  FROM hotel_room r
            CROSS JOIN LATERAL (SELECT x.date FROM hotel_reservation_night x
                                 WHERE x.room_id = r.id AND x.active AND x.date >= %(start)s AND x.date < %(stop)s
                                OFFSET 0) n
                 WHERE r.room_type_id = ANY(%(types)s)
              GROUP BY r.room_type_id, n.date
            )
            SELECT t.id, d.day::date, COALESCE(i.total, 0) - COALESCE(u.used, 0)
              FROM unnest(%(types)s) AS t(id)
        CROSS JOIN generate_series(%(start)s::date, %(last)s::date, interval '1 day') AS d(day)
         LEFT JOIN inventory i ON i.room_type_id = t.id
         LEFT JOIN used u ON u.room_type_id = t.id AND u.date = d.day::date
            """,
            types=list(self.ids), start=date_from, stop=date_to, last=date_to - timedelta(days=1),
        ))
        result = {room_type: {} for room_type in self}
        for type_id, day, free in self.env.cr.fetchall():
            result[self.browse(type_id)][day] = free
        return result

    @api.model
    def _free_room_clause(self, arrival, departure, exclude_reservation_id=0):
        """SQL condition on ``hotel_room r``: the room is active and no active
        ledger row holds it on a night from ``arrival`` to the night before
        ``departure`` (nights of ``exclude_reservation_id`` ignored). The one
        definition of a free room, for searches and counts alike."""
        self.env["hotel.reservation.night"].flush_model(["room_id", "date", "active", "reservation_id"])
        self.env["hotel.room"].flush_model(["room_type_id", "active", "sequence", "name"])
        return SQL(
            """r.active AND NOT EXISTS (
                   SELECT 1 FROM hotel_reservation_night n
                    WHERE n.room_id = r.id AND n.active AND n.date >= %s AND n.date < %s
                      AND n.reservation_id IS DISTINCT FROM %s)""",
            arrival, departure, exclude_reservation_id,
        )

    def _count_rooms_free_for_stay(self, arrival, departure):
        """{room type: number of its active rooms free on every night of the
        stay}, in one query. Unlike the per-night counts of get_availability,
        this is what can be booked without moving the guest mid-stay."""
        self.check_access("read")
        self.env.cr.execute(SQL(
            "SELECT r.room_type_id, count(*) FROM hotel_room r WHERE r.room_type_id = ANY(%s) AND %s "
            "GROUP BY r.room_type_id",
            list(self.ids), self._free_room_clause(arrival, departure),
        ))
        counts = dict(self.env.cr.fetchall())
        return {room_type: counts.get(room_type.id, 0) for room_type in self}

    def _night_prices(self, pricelist, dates):
        """{date: price} for one night of this room type on each of ``dates``."""
        self.ensure_one()
        currency = self.currency_id or self.env.company.currency_id
        weekday_pct = {}
        for adj in pricelist.hotel_adjustment_ids if pricelist else []:
            if not adj.room_type_id or adj.room_type_id == self:
                weekday_pct[int(adj.weekday)] = weekday_pct.get(int(adj.weekday), 0.0) + adj.percent
        base = self._pricelist_prices(pricelist, dates)
        return {day: currency.round(base[day] * (1 + weekday_pct.get(day.weekday(), 0.0) / 100.0))
                for day in dates}

    @api.model
    def _dated_rule_domain(self, pricelist, first, last):
        """Dated rules of the rate plan (and of the plans it is based on) valid
        at some moment from ``first`` to ``last``: the only ones that can make
        two nights of the stay differ."""
        return [
            ("pricelist_id", "in", self._pricelist_chain(pricelist).ids),
            "|", ("date_start", "!=", False), ("date_end", "!=", False),
            "|", ("date_start", "=", False), ("date_start", "<=", last),
            "|", ("date_end", "=", False), ("date_end", ">=", first),
        ]

    @api.model
    def _pricelist_chain(self, pricelist):
        """The rate plan and every pricelist its rules are based on, recursively."""
        Item = self.env["product.pricelist.item"].sudo()
        chain = todo = pricelist
        while todo:
            todo = Item.search([("pricelist_id", "in", todo.ids), ("base", "=", "pricelist")]).base_pricelist_id \
                - chain
            chain |= todo
        return chain

    def _pricelist_prices(self, pricelist, dates):
        """{date: pricelist price of the room type's product} for each night.

        A night is priced at noon UTC, so that a rule entered for whole local
        days covers the night whatever the timezone. Nights on which the same
        dated rules are valid get the same price, so the pricelist is asked
        once per such stretch rather than once per night (a year of nights
        is a handful of lookups)."""
        self.ensure_one()
        if not pricelist or not dates:
            return dict.fromkeys(dates, self.list_price)
        moments = {day: datetime.combine(day, time(12, 0)) for day in dates}
        first, last = min(moments.values()), max(moments.values())
        dated = self.env["product.pricelist.item"].sudo().search_fetch(
            self._dated_rule_domain(pricelist, first, last), ["date_start", "date_end"])
        # Prices in another currency depend on each day's rate: no sharing then.
        same_currency = pricelist.currency_id == self.product_id.currency_id
        prices, by_key = {}, {}
        for day, moment in moments.items():
            key = frozenset(item.id for item in dated if (not item.date_start or item.date_start <= moment)
                            and (not item.date_end or item.date_end >= moment)) if same_currency else day
            if key not in by_key:
                by_key[key] = pricelist._get_product_price(self.product_id, 1.0, date=moment)
            prices[day] = by_key[key]
        return prices
