"""Forms of the people pages. What may be granted is regions.people's rule, asked in clean()."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regions import people, scoping
from regions.models import Region, Role, Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.short_name} — {unit.region.short_name}"


class ScopeFields(forms.Form):
    """Role, government and agency, limited to what ``actor`` may hand out."""

    role = forms.ChoiceField(label=_("Peran"))
    region = forms.ModelChoiceField(label=_("Pemerintah daerah"), queryset=Region.objects.none())
    unit = UnitChoiceField(
        label=_("OPD"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Hanya untuk operator OPD."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        regions = [r for r in scoping.regions_visible_to(actor) if people.grantable_roles(actor, r)]
        roles = {role for r in regions for role in people.grantable_roles(actor, r)}
        self.fields["role"].choices = [(r, Role(r).label) for r in Role.values if r in roles]
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=[r.pk for r in regions]
        ).order_by("code")
        self.fields["unit"].queryset = (
            Unit.objects.filter(region__in=[r.pk for r in regions])
            .select_related("region")
            .order_by("region__code", "short_name")
        )
        if len(regions) == 1:
            self.fields["region"].initial = regions[0].pk

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            people.check_grant(self.actor, data.get("region"), data.get("role"), data.get("unit"))
        except people.PeopleError as error:
            self.add_error(error.field, error.message)
        return data


class InviteForm(ScopeFields):
    first_name = forms.CharField(label=_("Nama depan"), max_length=150)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"))
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Dipakai untuk masuk, mis. budi-bpkad. Huruf, angka dan @ . + - _ saja."),
    )

    field_order = ["first_name", "last_name", "email", "username", "role", "region", "unit"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            people.check_new_person(self.new_person())
        except people.PeopleError as error:
            self.add_error(error.field, error.message)
        return data

    def new_person(self) -> people.NewPerson:
        data = self.cleaned_data
        return people.NewPerson(
            username=data["username"].strip(),
            email=data["email"].strip().lower(),
            first_name=data["first_name"].strip(),
            last_name=data.get("last_name", "").strip(),
        )
