"""Forms of the reports app: the official score as jaga.id shows it."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Area
from reports.models import ScoreRecord


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
        self.fields["area"].queryset = Area.objects.filter(programme=programme)
        self.fields["area"].empty_label = _("Skor keseluruhan")
        # Indonesian users type 55,00: accept the comma as the decimal separator.
        self.fields["value"].localize = True
        self.fields["value"].widget.is_localized = True

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal skor tidak boleh di masa depan."))
        return day
