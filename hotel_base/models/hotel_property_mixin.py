import datetime

from odoo import api, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.rules import in_workflow_write

# Field types whose raw RPC values are checked before the ORM converts them.
_NUMBER_TYPES = ("integer", "float", "monetary")
_FRAMEWORK_FIELDS = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
_LIMIT = 1e12  # no hotel amount or quantity comes near; beyond, PostgreSQL or float rounding fails


class HotelPropertyMixin(models.AbstractModel):
    """Rules every hotel record keeps on every path (web client, RPC, sudo code),
    as Odoo's ``_check_company`` does for companies:

    - **Input**: a date that is not a date, a number that is not a number (or
      beyond any hotel figure), a record that does not exist, a value outside a
      selection: a ValidationError naming the field, never a traceback.
    - **Workflow fields**: the fields of ``_hotel_protected_fields`` and every
      computed or related field change through the model's actions only. The
      model's own code writes them inside ``tools.rules.workflow_write()``, a
      Python-side switch no RPC caller (nor ``sudo()``) can turn on. At creation
      a protected field may only carry its default.
    - **Property consistency**: the records in ``_hotel_property_fields`` belong
      to the record's own property; checked after create and write (the state
      after the write counts), for superuser code too.
    - **Access to what is linked**: a user (not the superuser) links only records
      they may ``_hotel_target_access`` (read, or write for wizards acting on
      them), and a record they move stays where they may write it: Odoo checks
      record rules before a write only.
    """

    _name = "hotel.property.mixin"
    _description = "Hotel Record Rules"

    # relational fields whose records belong to the record's property
    _hotel_property_fields = ()
    # fields set by the model's actions only (computed and related fields are added)
    _hotel_protected_fields = ()
    # set at creation, never changed (even by the workflow)
    _hotel_fixed_fields = ()
    # fields of _hotel_property_fields whose records the user must be allowed to
    # write (a wizard acting on them); the others must be readable
    _hotel_write_targets = ()

    # ------------------------------------------------------------ input
    @api.model
    def _hotel_field_label(self, fname):
        return self._fields[fname]._description_string(self.env)

    @api.model
    def _hotel_check_input(self, vals):
        """Refuse raw values the ORM would turn into a traceback or a misleading
        database error. Returns nothing; raises ValidationError."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None:
                raise ValidationError(self.env._("%(model)s has no field %(field)s.",
                                                 model=self._description, field=fname))
            if value is False or value is None:
                continue
            label = self._hotel_field_label(fname)
            if field.type in ("date", "datetime"):
                if isinstance(value, (datetime.date, datetime.datetime)):
                    continue
                try:
                    parsed = (field.to_date if field.type == "date" else field.to_datetime)(value)
                except (ValueError, TypeError):
                    parsed = None
                if parsed is None or parsed.year < 1900 or parsed.year > 2999:
                    raise ValidationError(self.env._(
                        "%(field)s: %(value)r is not a valid date (expected YYYY-MM-DD).",
                        field=label, value=value))
            elif field.type in _NUMBER_TYPES:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ValidationError(self.env._("%(field)s: %(value)r is not a number.",
                                                     field=label, value=value))
                if field.type == "integer" and value != int(value):
                    raise ValidationError(self.env._("%(field)s: %(value)r is not a whole number.",
                                                     field=label, value=value))
                if not -_LIMIT < value < _LIMIT or value != value:  # NaN
                    raise ValidationError(self.env._("%(field)s: %(value)r is out of range.",
                                                     field=label, value=value))
            elif field.type == "selection" and isinstance(field.selection, list):
                if value not in dict(field.selection):
                    raise ValidationError(self.env._("%(field)s: %(value)r is not one of the choices.",
                                                     field=label, value=value))
            elif field.type == "many2one":
                if isinstance(value, models.BaseModel):
                    continue  # server code passing a record
                if isinstance(value, bool) or not isinstance(value, int) \
                        or not self.env[field.comodel_name].sudo().browse(value).exists():
                    raise ValidationError(self.env._(
                        "%(field)s: there is no such record (%(value)r).", field=label, value=value))
            elif field.type in ("one2many", "many2many"):
                self._hotel_check_commands(field, label, value)

    @api.model
    def _hotel_check_client_input(self, vals_list):
        """For models whose own ``create``/``write`` reads the values before
        the mixin sees them: call first (no-op inside the workflow)."""
        if not in_workflow_write():
            for vals in vals_list:
                self._hotel_check_input(vals)
                if not self.env.su:
                    self._hotel_check_values_access(vals)

    @api.model
    def _hotel_check_new_vals(self, vals_list):
        """Creation values from a client: valid input, linked records the user
        may use, protected fields at their defaults (no-op inside the workflow).
        Models whose own ``create`` adds protected values call it first, then
        create inside ``workflow_write()``."""
        if not in_workflow_write():
            self._hotel_check_client_input(vals_list)
            for vals in vals_list:
                self._hotel_check_protected(vals, creating=True)

    @api.model
    def _hotel_check_commands(self, field, label, commands):
        if not isinstance(commands, (list, tuple)):
            raise ValidationError(self.env._("%(field)s: a list of records is expected.", field=label))
        ids = []
        for command in commands:
            if isinstance(command, int) and not isinstance(command, bool):
                ids.append(command)  # plain id list, as Odoo accepts for x2many
                continue
            if not isinstance(command, (list, tuple)) or not command or command[0] not in range(7):
                raise ValidationError(self.env._("%(field)s: %(value)r is not a valid command.",
                                                 field=label, value=command))
            if command[0] in (1, 2, 3, 4) and len(command) > 1:
                ids.append(command[1])
            elif command[0] == 6 and len(command) > 2:
                ids.extend(command[2] or [])
        bad = [i for i in ids if isinstance(i, bool) or not isinstance(i, int)]
        Comodel = self.env[field.comodel_name].sudo()
        if bad or len(Comodel.browse(ids).exists()) != len(set(ids)):
            raise ValidationError(self.env._("%(field)s: some of these records do not exist.", field=label))

    # ------------------------------------------------------------ workflow fields
    @api.model
    @tools.ormcache()
    def _hotel_protected_names(self):
        names = set(self._hotel_protected_fields)
        for fname, field in self._fields.items():
            if field.compute and field.readonly and not field.inverse and fname not in _FRAMEWORK_FIELDS:
                names.add(fname)
        return frozenset(names)

    def _hotel_check_protected(self, vals, creating=False):
        """Protected fields change through actions only (see class docstring)."""
        if in_workflow_write():
            return
        touched = self._hotel_protected_names() & vals.keys()
        for fname in sorted(touched):
            field, value = self._fields[fname], vals[fname]
            if field.type not in ("one2many", "many2many", "many2one"):
                if creating:
                    default = self.default_get([fname]).get(fname, False)
                    if value == default or (not value and not default):
                        continue
                else:
                    new = field.convert_to_cache(value, self)
                    if all(field.convert_to_cache(rec[fname], rec) == new for rec in self):
                        continue
            elif creating and not value:
                continue
            raise UserError(self.env._(
                "%(field)s of %(model)s is set by its actions (buttons and automatic jobs), not by hand.",
                field=self._hotel_field_label(fname), model=self._description))

    # ------------------------------------------------------------ property
    def _hotel_check_property(self, fnames=None):
        """The linked records of ``_hotel_property_fields`` (or those of
        ``fnames``) belong to each record's property, and a user may see them."""
        fnames = [f for f in self._hotel_property_fields if fnames is None or f in fnames]
        if not fnames:
            return
        has_property = "property_id" in self._fields
        for record in self:
            own = record.sudo().property_id if has_property else None
            for fname in fnames:
                linked = record.sudo()[fname]
                if not linked:
                    continue
                if not self.env.su:
                    self._hotel_check_target_access(fname, linked.with_env(self.env))
                if not own or (linked._name != "hotel.property" and "property_id" not in linked._fields):
                    continue  # chain-wide records (guests, products) belong to every property
                props = linked if linked._name == "hotel.property" else linked.property_id
                if props - own:
                    raise ValidationError(self.env._(
                        "%(field)s must belong to %(property)s.",
                        field=self._hotel_field_label(fname), property=own.name))

    def _hotel_check_target_access(self, fname, linked):
        try:
            linked.check_access("write" if fname in self._hotel_write_targets else "read")
        except AccessError as exc:
            raise AccessError(self.env._("%(field)s: you have no access to this record.",
                                         field=self._hotel_field_label(fname))) from exc

    @api.model
    def _hotel_check_values_access(self, values):
        """Linked records named in raw ``values`` (defaults, onchange input) must
        be accessible before anything is computed from them (as superuser)."""
        for fname in self._hotel_property_fields:
            value = values.get(fname)
            if not value:
                continue
            field = self._fields[fname]
            if field.type == "many2one":
                ids = [value] if isinstance(value, int) else [value.get("id")] if isinstance(value, dict) else []
            else:
                ids = [cmd[1] if isinstance(cmd, (list, tuple)) and cmd and cmd[0] in (1, 4) else cmd
                       for cmd in value if isinstance(cmd, int) or (isinstance(cmd, (list, tuple)) and cmd
                                                                     and cmd[0] in (1, 4))]
                for cmd in value:
                    if isinstance(cmd, (list, tuple)) and cmd and cmd[0] == 6:
                        ids.extend(cmd[2] or [])
            ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
            if ids:
                records = self.env[field.comodel_name].browse(ids).exists()
                self._hotel_check_target_access(fname, records)

    @api.model
    def default_get(self, fields):
        defaults = super().default_get(fields)
        if not self.env.su:
            self._hotel_check_values_access(defaults)
        return defaults

    def onchange(self, values, field_names, fields_spec):
        if not self.env.su:
            self._hotel_check_values_access(values)
        return super().onchange(values, field_names, fields_spec)

    def _hotel_check_action_access(self, operation="read"):
        """Public actions that only open a view or a wizard on ``self`` check
        first that the user may ``operation`` these records (Odoo's RPC layer
        does not: a method is callable on any id)."""
        if not self.env.su:
            self.check_access(operation)

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._hotel_check_new_vals(vals_list)
        records = super().create(vals_list)
        records._hotel_check_property()
        return records

    def write(self, vals):
        self._hotel_check_client_input([vals])
        fixed = [f for f in self._hotel_fixed_fields if f in vals
                 and any(self._fields[f].convert_to_cache(rec[f], rec) != self._fields[f].convert_to_cache(vals[f], rec)
                        for rec in self)]
        if fixed:
            raise UserError(self.env._("%(field)s of %(model)s cannot change once it is created.",
                                       field=self._hotel_field_label(fixed[0]), model=self._description))
        if not in_workflow_write():
            self._hotel_check_protected(vals)
        res = super().write(vals)
        moved = {"property_id", *self._hotel_property_fields} & vals.keys()
        if moved:
            self._hotel_check_property(moved)
            if not self.env.su:
                # the record must still be one the user may write (Odoo checked the state before)
                self.check_access("write")
        return res
