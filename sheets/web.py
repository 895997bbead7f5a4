"""What every import page shares: the upload form and the lookup of a user's stored plan."""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sheets import intake
from sheets.models import StoredPlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    """One .xlsx file, refused before it is read when larger than ``intake.MAX_BYTES``."""

    file = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"),
        help_text=gettext_lazy("Paling besar 5 MB dan 5.000 baris."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > intake.MAX_BYTES:  # optional where a page makes it so
            raise forms.ValidationError(
                _("Berkas terlalu besar; batasnya %(limit)s MB.")
                % {"limit": intake.MAX_BYTES // 2**20}
            )
        return upload


def get_plan_for_user(user, key, *kinds: str) -> StoredPlan:
    """The stored plan ``key`` if this user made it (and it is of one of ``kinds``), else 404:
    a plan is only ever applied or downloaded by the person who previewed it."""
    try:
        pk = int(key)
    except (TypeError, ValueError):
        raise Http404("No such import") from None
    plans = StoredPlan.objects.filter(created_by=user)
    if kinds:
        plans = plans.filter(kind__in=kinds)
    return get_object_or_404(plans, pk=pk)
