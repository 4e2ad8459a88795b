from odoo import fields, models

PREFERENCE_CATEGORIES = [
    ("bed", "Bed type"),
    ("pillow", "Pillow"),
    ("floor", "Floor"),
    ("location", "Room location"),
    ("smoking", "Smoking"),
    ("pets", "Pets"),
    ("diet", "Diet"),
    ("allergy", "Allergy"),
    ("room_setup", "Room setup"),
    ("other", "Other"),
]

# Room features a preference can ask for; room assignment ranks free rooms by them.
ROOM_FEATURES = [
    ("high_floor", "High floor"),
    ("low_floor", "Low floor"),
    ("quiet", "Quiet room"),
    ("accessible", "Accessible room"),
    ("non_smoking", "Non-smoking room"),
    ("smoking", "Smoking room"),
    ("connecting", "Connecting rooms"),
]


class HotelGuestPreference(models.Model):
    """A preference or special need of a guest, shown to staff before arrival.

    ``category`` drives automatic room assignment (floor, location, smoking)
    and arrival lists (diet, allergy); ``value`` is the guest's own words.
    """

    _name = "hotel.guest.preference"
    _inherit = ["hotel.property.mixin"]
    _description = "Guest Preference"
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one("res.partner", string="Guest", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    category = fields.Selection(PREFERENCE_CATEGORIES, required=True, default="other")
    value = fields.Char(required=True, translate=False, help="E.g. 'King bed', 'High floor', 'Peanut allergy'.")
    room_feature = fields.Selection(
        ROOM_FEATURES, help="Room feature this preference asks for; used to pick the room when a booking is confirmed.",
    )
    note = fields.Char()
    is_important = fields.Boolean(
        string="Important", help="Health or safety related (allergies, accessibility): highlight everywhere.",
    )

    def _compute_display_name(self):
        labels = dict(self._fields["category"]._description_selection(self.env))
        for pref in self:
            pref.display_name = f"{labels.get(pref.category, '')}: {pref.value or ''}"
