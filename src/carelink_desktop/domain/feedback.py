"""Feedback on how well the home supports relationships, from residents (with easy-read questions
and help from an advocate or interpreter when they want it), key people and professionals
(lead-practice-involving-key-people P4, P5, K8).

The home keeps a short set of questions it can edit. Each answer is a rating from 1 to 5 (or
"did not answer") and a comment; each question belongs to a theme, so answers can be analysed by
question and by theme over time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy


class Respondent(StrEnum):
    """Who gave the feedback. Values are stored: never rename them."""

    RESIDENT = "resident"
    KEY_PERSON = "key_person"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return {"resident": "Resident", "key_person": "Key person", "professional": "Professional"}[
            self.value
        ]


class Helper(StrEnum):
    """Who helped a resident give their views (P5: advocates, interpreters, communication aids)."""

    NONE = "none"
    ADVOCATE = "advocate"
    INTERPRETER = "interpreter"
    FAMILY = "family"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return {
            "none": "No help needed",
            "advocate": "An advocate",
            "interpreter": "An interpreter",
            "family": "Family or a friend",
            "staff": "A member of staff",
        }[self.value]


class Theme(StrEnum):
    """What a question is about, for the analysis by theme."""

    KEEPING_IN_TOUCH = "keeping_in_touch"
    WELCOME = "welcome"
    INVOLVEMENT = "involvement"
    INFORMATION = "information"
    LISTENING = "listening"
    SUPPORT_FOR_CARERS = "support_for_carers"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "keeping_in_touch": "Keeping in touch",
            "welcome": "Feeling welcome",
            "involvement": "Being involved",
            "information": "Information",
            "listening": "Being listened to",
            "support_for_carers": "Support for carers",
            "other": "Other",
        }[self.value]


#: The five points of every rating, with the words shown beside them (easy read friendly).
RATINGS: dict[int, str] = {
    1: "Very poor",
    2: "Poor",
    3: "All right",
    4: "Good",
    5: "Very good",
}


@dataclass(frozen=True)
class QuestionDetails:
    """A question the home asks; ``easy_read`` is the short, plain version offered to residents."""

    text: str
    easy_read: str
    theme: Theme
    #: Who it is asked of; empty means everyone.
    asked_of: tuple[Respondent, ...] = ()
    position: int = 0
    active: bool = True

    def cleaned(self) -> QuestionDetails:
        return cleaned_copy(self)

    def validate(self) -> None:
        p = Problems()
        p.require("text", self.text, "The question")
        p.max_length("text", self.text, "The question", 300)
        p.max_length("easy_read", self.easy_read, "The easy-read question", 200)
        p.raise_if_any()

    def asks(self, respondent: Respondent) -> bool:
        return not self.asked_of or respondent in self.asked_of


def _default_id(n: int) -> str:
    # The same ids in every home, so two PCs that both start with the defaults agree (sync).
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"carelink:feedback-question:{n}"))


#: The questions every home starts with (it may change them); ids are fixed, see ``_default_id``.
DEFAULT_QUESTIONS: tuple[tuple[str, QuestionDetails], ...] = tuple(
    (_default_id(n), q)
    for n, q in enumerate(
        (
            QuestionDetails(
                "How well does the home help the resident keep in touch with the people who matter to them?",
                "Do we help you see and talk to the people you care about?",
                Theme.KEEPING_IN_TOUCH,
                position=1,
            ),
            QuestionDetails(
                "How welcome do visitors feel when they come to the home?",
                "Do your visitors feel welcome here?",
                Theme.WELCOME,
                position=2,
            ),
            QuestionDetails(
                "How well are key people involved in planning and reviewing the resident's care?",
                "Do we ask your family and friends to help plan your care, if you want them to?",
                Theme.INVOLVEMENT,
                position=3,
            ),
            QuestionDetails(
                "How well does the home keep key people informed, within what the resident agrees to share?",
                "Do we tell the people you choose what they need to know?",
                Theme.INFORMATION,
                position=4,
            ),
            QuestionDetails(
                "How well does the home listen to and act on concerns and ideas?",
                "When you tell us something, do we listen and do something about it?",
                Theme.LISTENING,
                position=5,
            ),
            QuestionDetails(
                "How well does the home support you in your own role as a carer?",
                "",
                Theme.SUPPORT_FOR_CARERS,
                asked_of=(Respondent.KEY_PERSON,),
                position=6,
            ),
        ),
        start=1,
    )
)


@dataclass(frozen=True)
class Answer:
    """The answer to one question: a rating (None: did not answer) and a comment."""

    question_id: str
    rating: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class FeedbackDetails:
    """One person's feedback, given on a day."""

    given_on: date | None
    respondent: Respondent
    #: The resident it is from or about (None: about the home in general).
    resident_id: str | None = None
    #: The key person who gave it (a relationship of the resident), for key people.
    relationship_id: str | None = None
    #: Name and role of whoever gave it when not a known key person ("Dr Shah, GP").
    respondent_name: str = ""
    helped_by: Helper = Helper.NONE
    helper_name: str = ""
    #: Easy-read questions were used.
    easy_read: bool = False
    answers: tuple[Answer, ...] = ()
    #: Anything else they said.
    comments: str = ""

    def cleaned(self) -> FeedbackDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        p = Problems()
        if self.given_on is None:
            p.add("given_on", "Give the date the feedback was given.")
        p.not_future("given_on", self.given_on, "The date given", today)
        if self.respondent is Respondent.RESIDENT and self.resident_id is None:
            p.add("resident_id", "Choose the resident giving their feedback.")
        known = self.relationship_id is not None or self.respondent_name
        if self.respondent is Respondent.KEY_PERSON and not known:
            p.add("relationship_id", "Choose the key person, or write who they are.")
        if self.respondent is Respondent.PROFESSIONAL and not self.respondent_name:
            p.add("respondent_name", "Write the professional's name and role.")
        if self.helped_by in (Helper.ADVOCATE, Helper.INTERPRETER) and not self.helper_name:
            p.add("helper_name", f"Write the name of {self.helped_by.label.lower()}.")
        for a in self.answers:
            if a.rating is not None and a.rating not in RATINGS:
                p.add("answers", "A rating is from 1 (very poor) to 5 (very good).")
                break
        if not any(a.rating is not None or a.comment for a in self.answers) and not self.comments:
            p.add("answers", "Give at least one rating or comment.")
        p.raise_if_any()
