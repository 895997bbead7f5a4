"""Forms of the documents app: the checklist and queue filters (GET, reflected in the URL), the
panel's actions and the queue's bulk change. Status rules are not restated here: the choices
come from ``documents.workflow`` and the workflow decides."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from documents import workflow
from documents.models import Area, ReturnReason, Source, Status
from regions import scoping
from regions.models import Region, Unit, person_name


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
    reason = forms.ChoiceField(
        label=_("Alasan dikembalikan"),
        required=False,
        choices=[("", _("Semua alasan")), *ReturnReason.choices],
    )
    q = forms.CharField(label=_("Cari dokumen"), required=False, max_length=100)

    def __init__(self, data, *, programme, region):
        super().__init__(data)
        self.fields["area"].queryset = Area.objects.filter(programme=programme)
        # select_related: each option's label (Unit.__str__) names the government (issue 16).
        self.fields["unit"].queryset = (
            Unit.objects.filter(region=region).select_related("region").order_by("short_name")
        )
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(assigned_documents__region=region)
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["assignee"].label_from_instance = person_name

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
        if data["reason"]:
            documents = documents.with_last_return().filter(
                status=Status.NEEDS_REVISION,
                return_reason__in=ReturnReason.codes_for(data["reason"]),
            )
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


def _reason_field():
    # Optional here: the workflow says which changes need a reason and refuses them without.
    return forms.ChoiceField(
        label=_("Alasan"), required=False, choices=[("", "—"), *ReturnReason.choices]
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices)
    source = forms.ChoiceField(choices=Source.choices)
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    reason = _reason_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PanelForm(forms.Form):
    """Forms inside the document panel get ids of their own: the panel opens over the
    checklist, whose filter form has fields of the same names."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "panel_%s")
        super().__init__(*args, **kwargs)


class EvidenceForm(PanelForm):
    file = forms.FileField(
        label=_("Berkas"),
        required=False,
        help_text=_("PDF, PNG/JPG atau dokumen Office."),
        error_messages={"empty": _("Berkas kosong. Pilih berkas yang berisi dokumen.")},
    )
    url = forms.URLField(
        label=_("atau tautan"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Mis. tautan Google Drive yang dapat dibuka verifikator."),
    )
    submit = forms.BooleanField(
        label=_("Langsung kirim untuk diperiksa"), required=False, initial=True
    )
    confirm = forms.BooleanField(
        label=_("Saya paham KPK sedang memverifikasi bukti sebelumnya; tambahkan bukti baru"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        if document is None or document.status != Status.VERIFYING:
            del self.fields["confirm"]  # asked only while KPK is verifying

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Isi salah satu: unggah berkas atau tempel tautan."))
        return data


class CommentForm(PanelForm):
    body = forms.CharField(
        label=_("Komentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class AssignForm(PanelForm):
    unit = forms.ModelChoiceField(label=_("OPD"), required=False, queryset=Unit.objects.none())
    assignee = forms.ModelChoiceField(
        label=_("Penanggung jawab"), required=False, queryset=get_user_model().objects.none()
    )
    due_on = forms.DateField(
        label=_("Tanggal komitmen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, document, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "unit": document.unit_id,
                "assignee": document.assignee_id,
                "due_on": document.due_on,
                "version": document.version,
            },
        )
        super().__init__(*args, **kwargs)
        # select_related: each option's label (Unit.__str__) names the government (issue 16).
        self.fields["unit"].queryset = Unit.objects.filter(
            region=document.region_id
        ).select_related("region")
        # People who work on this government: its members, and the province's inspectorate.
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(memberships__region=document.region_id)
            .order_by("first_name", "username")
        )
        self.fields["assignee"].label_from_instance = person_name
        self.fields["unit"].empty_label = _("Belum ditentukan")
        self.fields["assignee"].empty_label = _("Belum ditentukan")
        self.programme = document.requirement.indicator.area.programme

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        last_day = self.programme.last_day
        if due_on and due_on > last_day:
            raise forms.ValidationError(
                _("Tanggal komitmen melewati batas waktu unggah (%(day)s).")
                % {"day": date_format(last_day, "j F Y")}
            )
        return due_on


class QueueFilter(forms.Form):
    """Filters of the verification queue, in the URL like the checklist's."""

    stage = forms.ChoiceField(
        label=_("Tahap"),
        required=False,
        choices=[
            (Status.UPLOADED, _("Menunggu reviu dan pengiriman ke KPK")),
            (Status.VERIFYING, _("Menunggu verifikasi KPK")),
        ],
    )
    region = forms.ModelChoiceField(
        label=_("Pemerintah daerah"),
        required=False,
        queryset=Region.objects.none(),
        empty_label=_("Semua"),
        to_field_name="code",  # readable, stable URLs: ?region=62.03
    )
    area = forms.ModelChoiceField(
        label=_("Area intervensi"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("Semua area"),
    )
    unit = forms.ChoiceField(label=_("OPD"), required=False)

    def __init__(self, data, *, user, programme):
        super().__init__(data)
        self.fields["region"].queryset = scoping.regions_visible_to(user)
        self.fields["area"].queryset = Area.objects.filter(programme=programme)
        names = (
            Unit.objects.filter(region__in=scoping.regions_visible_to(user))
            .values_list("short_name", flat=True)
            .distinct()
            .order_by("short_name")
        )
        self.fields["unit"].choices = [("", _("Semua OPD")), *((n, n) for n in names)]

    @property
    def current_stage(self) -> str:
        return (self.is_valid() and self.cleaned_data["stage"]) or Status.UPLOADED

    def apply(self, documents):
        documents = documents.filter(status=self.current_stage)
        if not self.is_valid():
            return documents
        data = self.cleaned_data
        if data["region"]:
            documents = documents.filter(region=data["region"])
        if data["area"]:
            documents = documents.filter(requirement__indicator__area=data["area"])
        if data["unit"]:
            documents = documents.filter(unit__short_name=data["unit"])
        return documents


class VersionsField(forms.Field):
    """The selected documents with the version the user saw of each: ``pk:version`` values
    (one per checkbox or hidden input), cleaned to ``{pk: version}``."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Pilih minimal satu dokumen."),
        "invalid": _("Pilihan dokumen tidak valid."),
    }

    def to_python(self, value):
        pairs = {}
        for item in value or []:
            pk, _sep, version = str(item).partition(":")
            if not (pk.isdigit() and version.isdigit()):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            pairs[int(pk)] = int(version)
        return pairs

    def prepare_value(self, value):
        if isinstance(value, dict):
            return [f"{pk}:{version}" for pk, version in value.items()]
        return value


class BulkForm(forms.Form):
    """One queue action for several documents. ``rule`` is the workflow rule it names."""

    action = forms.ChoiceField(
        choices=[(r.key, r.label) for r in workflow.RULES if r.in_queue],
        widget=forms.HiddenInput,
    )
    versions = VersionsField()
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    reason = _reason_field()

    @property
    def rule(self) -> workflow.Rule:
        return workflow.RULES_BY_KEY[self.cleaned_data["action"]]
