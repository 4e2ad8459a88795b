"""Benchmark guests written set-based: 10,000-100,000 contacts through the ORM
would take longer than the stays, so they are inserted with one INSERT per
chunk, ids drawn from the res_partner sequence (see
``hotel.demo.generator._allocate_ids``), every column the ORM would fill set
here or copied from a template contact created through the ORM."""
import random
from collections import defaultdict
from datetime import timedelta

from odoo import fields
from odoo.tools import SQL


def insert_guests(env, count, seed, names):
    """Create ``count`` guest contacts; ``names(rng, i)`` returns a dict with
    name, email, phone, country (res.country record or False), gender, type.
    Same seed, same guests (ids aside).

    :return: list of partner ids, in creation order
    """
    if not count:
        return []
    rng = random.Random(seed)
    generator = env["hotel.demo.generator"]
    Partner = env["res.partner"]
    template = Partner.create({"name": "Guest template", "is_hotel_guest": True})
    ids = generator._allocate_ids("res_partner", count)
    today = fields.Date.context_today(Partner)
    now = fields.Datetime.now()
    values = defaultdict(list)
    langs = {}  # guests speak their nationality's language when it is installed (as created through the ORM)
    for i, pid in enumerate(ids):
        person = names(rng, i)
        values["id"].append(pid)
        values["name"].append(person["name"])
        values["complete_name"].append(person["name"])
        values["commercial_partner_id"].append(pid)
        values["email"].append(person["email"])
        values["email_normalized"].append(person["email"].lower())
        values["phone"].append(person["phone"])
        country = person["country"].id if person["country"] else None
        values["country_id"].append(country)
        values["nationality_id"].append(country)
        if country not in langs:
            langs[country] = Partner._hotel_lang_of_country(person["country"]) or template.lang
        values["lang"].append(langs[country])
        values["guest_gender"].append(person["gender"])
        values["guest_type"].append(person["type"])
        values["guest_birthdate"].append(today - timedelta(days=rng.randint(20 * 365, 70 * 365)))
        consent = rng.random() < 0.45
        values["consent_email"].append(consent)
        values["consent_email_source"].append("registration_card" if consent else None)
        values["consent_email_date"].append(now - timedelta(days=rng.randint(1, 500)) if consent else None)
    # Columns of optional addons (e.g. phone/e-mail normalisation) are set only where they exist.
    known = {name for name, _udt in generator._table_columns("res_partner")}
    generator._insert_like(template, {k: v for k, v in values.items() if k in known})
    tag = env.ref("hotel_base.partner_category_guest", raise_if_not_found=False)
    if tag:
        env.cr.execute(SQL(
            "INSERT INTO res_partner_res_partner_category_rel (category_id, partner_id) "
            "SELECT %s, unnest(%s::int4[]) ON CONFLICT DO NOTHING", tag.id, ids))
    template.unlink()
    env.cr.execute(SQL("ANALYZE res_partner"))
    Partner.invalidate_model()
    return ids
