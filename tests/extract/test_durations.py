"""Duration mentions: number + unit, exact spans, rates excluded."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import Context
from pipeline.extract.durations import find_mentions


@pytest.fixture(scope="module")
def durations_of(config, nlp):
    def run(text: str) -> list:
        mentions = list(find_mentions(nlp(text), Context(text=text, published=None, config=config)))
        for m in mentions:
            assert text[m.start:m.end] == m.text
        return mentions
    return run


PUB = "2024-05-15"

CASES = [
    ("either party can terminate with 90 days' notice", "90 days", 90, "day", 90),
    ("90 days\u2019 notice after the first three months", "three months", 3, "month", 91.31),
    ("for compute over 32 months, starting later", "32 months", 32, "month", 974),
    ("Musk downplayed the three-year term", "three-year", 3, "year", 1095.75),
    ("the lease runs for five years", "five years", 5, "year", 1826.25),
    ("stock declined over three trading days", "three trading days", 3, "day", 3),
    ("$150 million per month for 42 months", "42 months", 42, "month", 1278.38),
    ("a two-week window", "two-week", 2, "week", 14),
    ("it took one and a half years", "one and a half years", 1.5, "year", 547.88),
    ("it took a decade", "a decade", 10, "year", 3652.5),
    ("booked for 2 nights", "2 nights", 2, "day", 2),
    ("the plants were grown for 3Y", "3Y", 3, "year", 1095.75),
    ("the season started about a month earlier", "a month", 1, "month", 30.44),
]


@pytest.mark.parametrize("text,span,amount,unit,days", CASES)
def test_durations(durations_of, text, span, amount, unit, days):
    found = {m.text: m.value.as_dict() for m in durations_of(text)}
    assert found[span] == {"amount": amount, "unit": unit, "days": days}


def test_range_head_shares_the_unit(durations_of):
    got = [(m.text, m.value.amount, m.value.unit) for m in durations_of("between 12 and 18 months")]
    assert got == [("12", 12, "month"), ("18 months", 18, "month")]


@pytest.mark.parametrize("text", ["pay $150 million a month", "$15 billion a year", "it meets twice a month",
                                  "a 5-year-old company", "several weeks later", "the 3D model", "$1.25B/month"])
def test_not_durations(durations_of, text):
    assert durations_of(text) == []


NUMBERS = st.sampled_from([("three", 3), ("42", 42), ("twenty-five", 25), ("90", 90), ("a", 1)])
UNITS = st.sampled_from([("days", "day"), ("weeks", "week"), ("months", "month"), ("years", "year")])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=NUMBERS, unit=UNITS, before=st.sampled_from(["It lasts", "over", "with"]),
       after=st.sampled_from([".", " of notice.", ", they said"]))
def test_generated_durations_round_trip(durations_of, number, unit, before, after):
    written = f"{number[0]} {unit[0] if number[1] != 1 else unit[0][:-1]}"
    text = f"{before} {written}{after}"
    (m,) = durations_of(text)
    assert (m.text, m.start, m.value.amount, m.value.unit) == (written, len(before) + 1, number[1], unit[1])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_never_raises_on_arbitrary_text(durations_of, text):
    durations_of(text)


# Issue 11: every unit from seconds to centuries, fractions, and compounds summed into one mention.
ANY_UNIT = [
    ("the call lasted half an hour", "half an hour", 0.5, "hour", 0.02083),
    ("the vote took 1.5 hours", "1.5 hours", 1.5, "hour", 0.0625),
    ("talks ran one and a quarter hours", "one and a quarter hours", 1.25, "hour", 0.05208),
    ("the outage lasted 45 minutes", "45 minutes", 45, "minute", 0.03125),
    ("the blast lasted one second", "one second", 1, "second", 1.157e-05),
    ("a ½ hour briefing", "½ hour", 0.5, "hour", 0.02083),
    ("wait 1/2 hour before boarding", "1/2 hour", 0.5, "hour", 0.02083),
    ("she slept 1 1/2 hours", "1 1/2 hours", 1.5, "hour", 0.0625),
    ("they met for half a day", "half a day", 0.5, "day", 0.5),
    ("losses for 3 quarters in a row", "3 quarters", 3, "quarter", 273.94),
    ("a quarter of an hour passed", "a quarter of an hour", 0.25, "hour", 0.01042),
    ("the lease runs 2 years and 3 months", "2 years and 3 months", 27, "month", 821.81),
    ("it ran 2 years, 3 months and 4 days", "2 years, 3 months and 4 days", 825.8125, "day", 825.81),
    ("the race took 45 minutes and 30 seconds", "45 minutes and 30 seconds", 2730, "second", 0.0316),
    ("a fortnight off", "a fortnight", 2, "week", 14),
    ("the treaty lasted a century", "a century", 100, "year", 36525),
]


@pytest.mark.parametrize("text,span,amount,unit,days", ANY_UNIT)
def test_any_unit(durations_of, text, span, amount, unit, days):
    found = {m.text: m.value.as_dict() for m in durations_of(text)}
    assert span in found, found
    assert found[span]["unit"] == unit
    assert found[span]["amount"] == pytest.approx(amount)
    assert found[span]["days"] == pytest.approx(days, rel=1e-3)


@pytest.mark.parametrize("text", ["a quarter of the shares were sold", "one billion and three quarters",
                                  "three quarters million units", "a 1/2 share"])
def test_quarters_that_are_shares_are_no_durations(durations_of, text):
    assert durations_of(text) == []


def test_a_compound_before_ago_stays_in_parts(durations_of):
    got = [m.text for m in durations_of("for 3 months and 2 weeks and 2 days ago")]
    assert got == ["3 months", "2 weeks", "2 days"]


def test_a_fraction_of_an_hour_is_no_date(dates_of):
    assert dates_of("the ferry is due in 1/2 hour") == []
    assert [m.text for m in dates_of("the ferry sails on 1/2")] == ["1/2"]
