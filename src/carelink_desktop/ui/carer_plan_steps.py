"""The small dialogs that move a carer support plan on: agreeing it (when, and who agreed) and
closing it (why, and when). Each saves through services.carer_plans on Save; ``result_view`` is
the plan afterwards."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from carelink_desktop.services.carer_plans import PlanView, agree_plan, close_plan
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField


class _StepDialog(FormDialog):
    """A short form: an explanation, a few fields, Save and Cancel."""

    def __init__(self, ws: Workspace, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan = plan
        self.result_view: PlanView | None = None
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.intro = hint_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.build_buttons())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def add_field(self, name: str, widget: QWidget, label: str) -> None:
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.fields[name] = widget
        self.form.addRow(buddy, self.errors.add(name, widget, label))
        self.watch(name, widget)

    def dates(self) -> dict[str, DateField]:
        return {name: w for name, w in self.fields.items() if isinstance(w, DateField)}

    def date_problems(self) -> dict[str, str]:
        found = {name: field.problem() for name, field in self.dates().items()}
        return {name: problem for name, problem in found.items() if problem}

    def state(self) -> Any:
        return tuple(
            w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
            for w in self.fields.values()
            if isinstance(w, QLineEdit | QPlainTextEdit)
        )

    def check(self) -> dict[str, str]:
        problems = self.date_problems()
        for name, field in self.dates().items():
            day = field.date() if name not in problems else None
            if day is not None and day > self.ws.today():
                problems[name] = self.tr("The date cannot be in the future.")
        return problems

    def step(self) -> PlanView:
        """Call the service (raises its errors)."""
        raise NotImplementedError

    def save(self) -> bool:
        problems = self.check()
        self.errors.set_problems(problems)
        if problems:
            return self.refused(problems)
        return self.submit(self.step)


class AgreePlanDialog(_StepDialog):
    """Record that the resident, the carer and staff agreed the plan: when, and who agreed."""

    def __init__(self, ws: Workspace, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(ws, plan, parent)
        self.setWindowTitle(self.tr("Agree the carer plan"))
        self.intro.setText(
            self.tr(
                "Agreeing the plan records that the resident, the carer and others agreed the outcomes, "
                "roles and how it will be reviewed. After that it can be put into action."
            )
        )
        self.agreed_on = DateField()
        self.agreed_by = QLineEdit()
        self.agreed_by.setMaxLength(300)
        self.agreed_by.setPlaceholderText(
            self.tr("e.g. {carer} (carer), {resident} (resident), {me}").format(
                carer=plan.carer_name, resident=plan.resident_name, me=ws.actor.full_name
            )
        )
        self.add_field("agreed_on", self.agreed_on, self.tr("&Date agreed:"))
        self.add_field("agreed_by", self.agreed_by, self.tr("Agreed &by:"))
        self.agreed_on.set_date(ws.today())
        self.save_button.setText(self.tr("&Agree"))
        self.remember_state()
        self.agreed_by.setFocus()

    def check(self) -> dict[str, str]:
        problems = super().check()
        if not self.agreed_by.text().strip():
            problems["agreed_by"] = self.tr("Say who agreed the plan (the carer, the resident, staff).")
        if "agreed_on" not in problems and self.agreed_on.date() is None:
            problems["agreed_on"] = self.tr("Give the date the plan was agreed.")
        return problems

    def step(self) -> PlanView:
        day = self.agreed_on.date()
        assert day is not None
        return agree_plan(self.ws, self.plan.id, day, self.agreed_by.text())


class ClosePlanDialog(_StepDialog):
    """Close a plan, saying why (the carer no longer cares, the resident moved on...)."""

    def __init__(self, ws: Workspace, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(ws, plan, parent)
        self.setWindowTitle(self.tr("Close the carer plan"))
        self.intro.setText(
            self.tr(
                "A closed plan is kept, and can be read, but no longer changed or reviewed. "
                "A new plan can be started with {carer} later."
            ).format(carer=plan.carer_name)
        )
        self.close_reason = multi_line(3)
        self.close_reason.setPlaceholderText(
            self.tr("e.g. Jean no longer cares for Margaret since moving away")
        )
        self.closed_on = DateField()
        self.add_field("close_reason", self.close_reason, self.tr("&Why it is closing:"))
        self.add_field("closed_on", self.closed_on, self.tr("Closed &on:"))
        self.closed_on.set_date(ws.today())
        self.save_button.setText(self.tr("C&lose plan"))
        self.remember_state()
        self.close_reason.setFocus()

    def check(self) -> dict[str, str]:
        problems = super().check()
        if not self.close_reason.toPlainText().strip():
            problems["close_reason"] = self.tr("Say why the plan is closing.")
        if "closed_on" not in problems and self.closed_on.date() is None:
            problems["closed_on"] = self.tr("Give the date the plan closes.")
        return problems

    def step(self) -> PlanView:
        day = self.closed_on.date()
        assert day is not None
        return close_plan(self.ws, self.plan.id, self.close_reason.toPlainText(), day)
