"""Forms of the reports app: the official score as jaga.id shows it."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Area
from reports.models import ScoreRecord
from reports.scores import date_problem


class ScoreForm(forms.ModelForm):
    class Meta:
        model = ScoreRecord
        fields = ["value", "recorded_on", "area", "note"]
        widgets = {
            "recorded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # Text, not type=number: a browser's number box in English drops the comma of
            # "61,25" (it became 6125); a text box with a decimal keypad keeps it.
            "value": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }

    def __init__(self, *args, programme, **kwargs):
        kwargs.setdefault("initial", {"recorded_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["area"].queryset = Area.objects.filter(programme=programme)
        self.fields["area"].empty_label = _("Skor keseluruhan")
        # Indonesian users type 55,00: accept the comma as the decimal separator.
        self.fields["value"].localize = True
        self.fields["value"].widget.is_localized = True

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if problem := date_problem(self.programme, day):
            raise forms.ValidationError(problem)
        return day


def score_field(label) -> forms.DecimalField:
    """A 0–100 score typed as on jaga.id, "55,00" or "55.00" (text box: see ScoreForm)."""
    field = forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        max_digits=5,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
    )
    field.widget.is_localized = True
    return field


class ProvinceScoresForm(forms.Form):
    """Every government's overall score for one date, as jaga.id shows them (/scores/).
    A blank box records nothing for that government."""

    recorded_on = forms.DateField(
        label=_("Tanggal di jaga.id"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=300)

    def __init__(self, *args, programme, regions, **kwargs):
        kwargs.setdefault("initial", {"recorded_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.regions = list(regions)
        for region in self.regions:
            self.fields[f"score_{region.pk}"] = score_field(region.name)

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if problem := date_problem(self.programme, day):
            raise forms.ValidationError(problem)
        return day

    def clean(self):
        data = super().clean()
        if not self.errors and not any(v is not None for v in self.scores().values()):
            raise forms.ValidationError(_("Isi skor minimal satu pemerintah daerah."))
        return data

    def rows(self):
        """(region, its bound field) in the page's order."""
        return [(r, self[f"score_{r.pk}"]) for r in self.regions]

    def scores(self) -> dict:
        return {
            r: self.cleaned_data.get(f"score_{r.pk}")
            for r in self.regions
            if self.cleaned_data.get(f"score_{r.pk}") is not None
        }
