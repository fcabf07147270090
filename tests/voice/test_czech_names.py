"""Czech names in the cases people say them: "pro Annu", "na Annině podložce", "Petrovi"."""

from homeassistant.core import HomeAssistant
from hypothesis import given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat import texts
from custom_components.acupressure_mat.assist_sentences import spoken_names
from custom_components.acupressure_mat.name_forms import czech_forms

from .helpers import add, ask, profile, speech
from .test_names import listed, session

pytestmark = pytest.mark.usefixtures("frozen")

PETR = "01JMATPROFILE00000000000PE"
PETRA = "01JMATPROFILE00000000000PA"
NAMES = ["Anna", "Petr", "Petra", "Jan", "Jana", "Lenka", "Klára", "Pavel", "Pavla", "Marek"]
NAMES += ["Zdeněk", "Marie", "Jiří", "Tomáš", "Soňa", "Olga", "Kamil", "Kamila", "Eva", "Ben"]
LANGUAGES = list(texts._read_all().values())


@pytest.mark.parametrize(
    ("name", "some"),
    [
        (
            "Anna",
            {"anny", "anně", "annu", "annou", "annin", "annina", "annině", "anninu", "anninou"},
        ),
        ("Petr", {"petra", "petrovi", "petrem", "petrův", "petrova", "petrově", "petrovu"}),
        ("Lenka", {"lenky", "lence", "lenku", "lenkou", "lenčin", "lenčině"}),
        ("Klára", {"kláry", "kláře", "klářin", "klářinu"}),
        ("Soňa", {"soni", "soně", "soňu", "soňou", "sonin"}),
        ("Pavel", {"pavla", "pavlovi", "pavlem", "pavlův"}),
        ("Marek", {"marka", "markovi", "markem", "markovu"}),
        ("Zdeněk", {"zdeňka", "zdeňkovi", "zdeňkem"}),
        ("Tomáš", {"tomáše", "tomášovi", "tomášem", "tomášův"}),
        ("Marie", {"marii", "marií", "mariin", "mariině"}),
        ("Jiří", {"jiřího", "jiřímu", "jiřím"}),
        ("Micha", {"michy", "miše", "michu", "mišin"}),
        ("Olga", {"olgy", "olze", "olžin"}),
        ("Ludmila", {"ludmily", "ludmile", "ludmilin"}),
    ],
)
def test_forms(name: str, some: set[str]) -> None:
    forms = czech_forms(name)
    assert name.casefold() in forms
    assert some <= forms


@pytest.mark.parametrize("name", ["Julia", "Ivo", "Anna Nováková", "Al", "R2D2", "Ložnice 2"])
def test_others_are_said_as_written(name: str) -> None:
    assert czech_forms(name) == {name.casefold()}


@given(st.text(min_size=1, max_size=12))
def test_every_name_keeps_itself_and_no_form_is_empty(name: str) -> None:
    forms = czech_forms(name)
    assert name.casefold() in forms
    assert all(forms)
    # Declined forms are one word of letters, like the name they come from.
    assert all(form.isalpha() for form in forms - {name.casefold()})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(NAMES)
        | st.text(alphabet="abdeklmnoprstuvyáéíčěřšůž", min_size=3, max_size=7),
        min_size=1,
        max_size=5,
        unique_by=str.casefold,
    )
)
def test_a_declined_form_never_takes_another_profiles_name(titles: list[str]) -> None:
    values = spoken_names(titles, LANGUAGES, czech_forms)
    own = {
        title: {title.casefold(), f"{title}s".casefold(), f"{title}'s".casefold()}
        for title in titles
    }
    mapped = {str(v["in"]).casefold(): v["out"] for v in values if isinstance(v, dict)}
    plain = {str(v).casefold() for v in values if isinstance(v, str)}
    for title in titles:
        # Every profile can still be named as written.
        assert mapped.get(title.casefold()) == title or title.casefold() in plain
    for form, title in mapped.items():
        assert form
        owners = [other for other, forms in own.items() if form in forms]
        assert owners in ([], [title])
        assert form in own[title] or form in czech_forms(title)
    for form in plain:
        # Only a profile's own forms are ever left ambiguous, never a declined one.
        assert sum(form in forms for forms in own.values()) > 1


async def test_only_the_czech_list_has_the_forms(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    assert '"in": "anninu", "out": "Anna\'s mat"' in listed(hass, "cs")
    assert "anninu" not in listed(hass, "en")
    assert "anninu" not in listed(hass, "de-CH")


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("spusť podložku pro Petra", "petr"),
        ("spusť Petrovu podložku na deset minut", "petr"),
        ("spusť podložku Petrovi", "petr"),
        ("zapni sezení na podložce pro Petra", "petr"),
        ("spusť Petrovo sezení", "petr"),
        ("spusť podložku pro Annu", "anna_s_mat"),
        ("spusť Anninu podložku", "anna_s_mat"),
        ("spusť podložku Anny", "anna_s_mat"),
    ],
)
async def test_the_declined_name_picks_the_profile(
    hass: HomeAssistant, anna: MockConfigEntry, text: str, who: str | None
) -> None:
    await add(hass, profile("Petr", PETR))
    response = await ask(hass, text, "cs")
    started = {prefix: session(hass, prefix) == "active" for prefix in ("petr", "anna_s_mat")}
    assert started == {prefix: prefix == who for prefix in started}, speech(response)


async def test_questions_and_pain_for_a_declined_name(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    await add(hass, profile("Petr", PETR))
    await ask(hass, "spusť podložku pro Petra na deset minut", "cs")
    assert speech(await ask(hass, "kolik času zbývá na Petrově podložce", "cs")) == (
        "Petr: zbývá 10 minut; sezení skončí ve 20:10."
    )
    assert speech(await ask(hass, "kolik času zbývá Petrovi", "cs")) == (
        "Petr: zbývá 10 minut; sezení skončí ve 20:10."
    )
    assert (
        speech(await ask(hass, "zapiš bolest zad 3 pro Petra", "cs")) == "Bolest zad zapsána na 3."
    )
    found = hass.states.get("sensor.petr_last_pain_rating")
    assert found is not None
    assert found.state == "3"
    assert (
        speech(await ask(hass, "zastav podložku Petrovi", "cs"))
        == "Sezení na podložce je ukončené."
    )
    assert session(hass, "petr") == "idle"


async def test_a_profiles_own_name_wins_over_a_declined_form(
    hass: HomeAssistant, assist: None
) -> None:
    await add(hass, profile("Petr", PETR))
    await add(hass, profile("Petra", PETRA))
    # "Petra" is Petr's genitive, but a profile is called so: the name as written wins.
    await ask(hass, "spusť podložku pro Petra", "cs")
    assert (session(hass, "petr"), session(hass, "petra")) == ("idle", "active")
    await ask(hass, "spusť Petrovu podložku", "cs")
    assert (session(hass, "petr"), session(hass, "petra")) == ("active", "active")
