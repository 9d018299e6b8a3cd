"""One organisation, one name across the batch."""

import pytest

from pipeline.assemble.names import name_map


@pytest.mark.parametrize("forms, known, expected", [
    # a longer written form joins the shorter name; the form written most often wins
    ({"Halvorsen": 5, "Halvorsen Air": 2}, set(), {"Halvorsen Air": "Halvorsen"}),
    ({"Halvorsen": 1, "Halvorsen Air": 4}, set(), {"Halvorsen": "Halvorsen Air"}),
    # config's name wins whatever the counts
    ({"Orbis": 1, "Orbis Platforms": 9}, {"Orbis"}, {"Orbis Platforms": "Orbis"}),
    # two companies config knows apart stay apart
    ({"Orbis": 3, "Orbis Research": 2}, {"Orbis", "Orbis Research"}, {}),
    # a name is a prefix by whole words only
    ({"Calder": 2, "Calderon Systems": 2}, set(), {}),
    # a hyphen is a space
    ({"Acme Widgets": 3, "Acme-Widgets": 1}, set(), {"Acme-Widgets": "Acme Widgets"}),
    # chains join one cluster
    ({"Union Rail": 3, "Union Rail Group": 1, "Union Rail Group Holdings": 1}, set(),
     {"Union Rail Group": "Union Rail", "Union Rail Group Holdings": "Union Rail"}),
])
def test_name_map(forms, known, expected):
    assert name_map(forms, frozenset(known)) == expected


def test_a_batch_gives_one_subject_to_one_company_under_two_names(extractor, config):
    from pipeline.assemble import assemble
    from pipeline.records import Article

    articles = [Article(path="a.txt", text="Halvorsen Air signed a $2 billion deal with Kestrel Cloud."),
                Article(path="b.txt", text="Halvorsen signed a $2 billion deal with Kestrel Cloud, the airline said."),
                Article(path="c.txt", text="Halvorsen's deal with Kestrel Cloud is worth $2 billion.")]
    claims = assemble(list(extractor.analyse(articles)), config)
    subjects = {c.subject.parties for c in claims if c.attribute == "total_value"}
    assert len(subjects) == 1
