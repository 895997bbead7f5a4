"""The mentoring log: inspectorate staff record sessions and the commitments made in them.

Sessions are the inspectorate's own notes: only inspectorate staff whose scope covers the
government see them (anyone else gets 404). The commitments themselves reach the government's
people through their documents (committed date and assignee, set by documents.workflow.assign):
the to-do, the government page and the weekly digest.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from documents import workflow
from documents.decorators import with_programme
from documents.models import Document
from regions import scoping
from regions.decorators import inspectorate_required
from regions.models import Region, Role, Unit, person_name
from reports import mentoring
from reports.models import OPEN_STATUSES, MentoringSession

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _inspected_regions(user):
    """Governments the user oversees as inspectorate staff."""
    ids = [
        r.pk
        for r in scoping.regions_visible_to(user)
        if scoping.role_for(user, r) == Role.INSPECTORATE
    ]
    return Region.objects.filter(pk__in=ids)


class SessionForm(forms.ModelForm):
    class Meta:
        model = MentoringSession
        fields = ["kind", "region", "unit", "held_on", "place", "online", "attendees", "topics"]
        widgets = {
            "held_on": DATE_INPUT,
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "attendees": gettext_lazy(
                "Satu nama per baris, dengan jabatan. Untuk koordinasi KPK, sertakan PIC KPK."
            ),
        }

    def __init__(self, *args, regions, **kwargs):
        kwargs.setdefault("initial", {"held_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions.order_by("code")
        self.fields["unit"].queryset = (
            Unit.objects.filter(region__in=regions)
            .select_related("region")
            .order_by("region__code", "short_name")
        )
        self.fields["unit"].label_from_instance = lambda u: (
            f"{u.region.short_name} · {u.short_name}"
        )
        self.fields["unit"].empty_label = _("Seluruh pemda")

    def clean(self):
        data = super().clean()
        unit, region = data.get("unit"), data.get("region")
        if unit and region and unit.region_id != region.pk:
            self.add_error("unit", _("OPD ini bukan bagian dari pemda yang dipilih."))
        return data


class CommitmentForm(forms.Form):
    documents = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Dokumen"),
        queryset=Document.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=gettext_lazy(
            "Yang belum diunggah atau perlu perbaikan; pilih beberapa dengan Ctrl."
        ),
    )
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Penanggung jawab"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    due_on = forms.DateField(label=gettext_lazy("Tanggal komitmen"), widget=DATE_INPUT)

    def __init__(self, *args, session: MentoringSession, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        documents = (
            Document.objects.visible_in(user, session.programme)
            .filter(region=session.region, status__in=OPEN_STATUSES)
            .select_related("requirement", "unit")
            .order_by("requirement__code")
        )
        if session.unit_id:
            documents = documents.filter(unit=session.unit_id)
        self.fields["documents"].queryset = documents
        self.fields["documents"].label_from_instance = lambda d: (
            f"{d.requirement.code} {d.requirement.short_name}"
            f"{f' · {d.unit.short_name}' if d.unit else ''} — {d.get_status_display()}"
        )
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(memberships__region=session.region_id)
            .order_by("first_name", "username")
        )
        self.fields["assignee"].label_from_instance = person_name
        self.fields["assignee"].empty_label = _("Tetap seperti sekarang")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        last_day = self.session.programme.last_day
        if due_on > last_day:
            raise forms.ValidationError(
                _("Tanggal komitmen melewati batas waktu unggah (%(day)s).")
                % {"day": formats.date_format(last_day, "j F Y")}
            )
        return due_on


@login_required
@inspectorate_required
@with_programme
def mentoring_log(request, programme):
    """Every session in the user's scope, newest first, and the form for a new one."""
    regions = _inspected_regions(request.user)
    form = SessionForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.programme = programme
        session.created_by = request.user
        session.save()
        messages.success(request, _("Sesi dicatat. Tambahkan komitmennya di bawah."))
        return redirect("mentoring-session", pk=session.pk)
    sessions = (
        MentoringSession.objects.filter(programme=programme, region__in=regions)
        .select_related("region", "unit")
        .prefetch_related("commitments__document")
    )
    overdue = mentoring.overdue(programme, regions).count()
    return render(
        request,
        "reports/mentoring.html",
        {"programme": programme, "form": form, "sessions": sessions, "overdue": overdue},
        status=400 if form.is_bound else 200,
    )


def _session_for_user(user, pk: int) -> MentoringSession:
    session = get_object_or_404(MentoringSession.objects.select_related("region", "unit"), pk=pk)
    if scoping.role_for(user, session.region) != Role.INSPECTORATE:
        raise Http404("Not your session")
    return session


@login_required
def session_page(request, pk: int):
    """One session: what was discussed, the commitments, and the form to add one."""
    session = _session_for_user(request.user, pk)
    form = CommitmentForm(request.POST or None, session=session, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            documents = list(form.cleaned_data["documents"])
            try:
                mentoring.commit(
                    session,
                    documents,
                    by=request.user,
                    assignee=form.cleaned_data["assignee"],
                    due_on=form.cleaned_data["due_on"],
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Komitmen dicatat untuk %(n)d dokumen.",
                        "Komitmen dicatat untuk %(n)d dokumen.",
                        len(documents),
                    )
                    % {"n": len(documents)},
                )
                return redirect("mentoring-session", pk=session.pk)
    commitments = session.commitments.select_related(
        "document__requirement", "document__unit", "assignee"
    )
    return render(
        request,
        "reports/mentoring_session.html",
        {"session": session, "form": form, "commitments": commitments},
        status=status,
    )
