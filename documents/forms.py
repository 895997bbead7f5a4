"""Forms of the documents app: the checklist filter (GET, reflected in the URL)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.models import Area, Status
from regions.models import Unit


class ChecklistFilter(forms.Form):
    """Filters of a government's checklist. Every value lives in the query string."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Status.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Area intervensi"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("Semua area"),
    )
    unit = forms.ModelChoiceField(
        label=_("OPD"), required=False, queryset=Unit.objects.none(), empty_label=_("Semua OPD")
    )
    assignee = forms.ModelChoiceField(
        label=_("Penanggung jawab"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Semua orang"),
    )
    q = forms.CharField(label=_("Cari dokumen"), required=False, max_length=100)

    def __init__(self, data, *, programme, region):
        super().__init__(data)
        self.fields["area"].queryset = Area.objects.filter(programme=programme)
        self.fields["unit"].queryset = Unit.objects.filter(region=region).order_by("short_name")
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(assigned_documents__region=region)
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username

    def apply(self, documents):
        """Narrow a Document queryset by the valid filters; invalid values are ignored."""
        if not self.is_valid():
            return documents
        data = self.cleaned_data
        if data["status"]:
            documents = documents.filter(status=data["status"])
        if data["area"]:
            documents = documents.filter(requirement__indicator__area=data["area"])
        if data["unit"]:
            documents = documents.filter(unit=data["unit"])
        if data["assignee"]:
            documents = documents.filter(assignee=data["assignee"])
        if data["q"]:
            words = data["q"].split()
            for word in words:
                documents = documents.filter(
                    Q(requirement__name__icontains=word)
                    | Q(requirement__code__icontains=word)
                    | Q(requirement__indicator__name__icontains=word)
                    | Q(requirement__sub_indicator_name__icontains=word)
                )
        return documents

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())
