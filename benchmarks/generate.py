"""A seeded generator of realistic news articles for the benchmark (text the project writes itself).

    python benchmarks/generate.py OUT_DIR --count 2000 [--on-topic 0.5] [--seed 1]

On-topic articles report what the news reports about councils' children's services: an Ofsted
rating, a director resigning or being sacked, an interim appointed, a commissioner sent in, a
leader's response. Each council has its own cast (leader, chief executive, director, cabinet
member) who recur across its articles, and officials sometimes move to another council, as in
real news. Off-topic articles are other local news (roads, weather, sport, business) in a set
proportion. Articles are as long as real ones (about 290 words, the dev sets' mean): the facts
come with the background, reactions and figures news surrounds them with, drawn from pools of
paragraphs written here, so spaCy's share of the work is what it is on real news. Councils
come from the gazetteer; people's names are drawn from lists written here. The same seed gives
the same articles, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from councilgraph.graph.core.gazetteer import load_gazetteer

FIRST = [
    "Alan",
    "Amara",
    "Ben",
    "Beth",
    "Carla",
    "Colin",
    "Dana",
    "Derek",
    "Eve",
    "Farah",
    "Gareth",
    "Grace",
    "Hamid",
    "Helen",
    "Imogen",
    "Ivan",
    "Jacob",
    "Jane",
    "Karen",
    "Kofi",
    "Laura",
    "Liam",
    "Maya",
    "Mark",
    "Nadia",
    "Neil",
    "Olivia",
    "Owen",
    "Priya",
    "Paul",
    "Rachel",
    "Rory",
    "Sana",
    "Simon",
    "Tara",
    "Tom",
    "Uma",
    "Victor",
    "Wendy",
    "Will",
    "Yusuf",
    "Zoe",
]
LAST = [
    "Abbott",
    "Ahmed",
    "Baines",
    "Barker",
    "Carter",
    "Chowdhury",
    "Dalton",
    "Dunn",
    "Ellis",
    "Evans",
    "Fisher",
    "Foster",
    "Grant",
    "Green",
    "Hale",
    "Hughes",
    "Irwin",
    "Jackson",
    "Kaur",
    "Kelly",
    "Lane",
    "Lewis",
    "Marsh",
    "Mensah",
    "Nash",
    "Novak",
    "Okafor",
    "Owens",
    "Patel",
    "Price",
    "Quinn",
    "Reid",
    "Roberts",
    "Shah",
    "Stone",
    "Taylor",
    "Turner",
    "Vale",
    "Walsh",
    "Ward",
    "Young",
]
RATINGS = ["inadequate", "requires improvement", "good", "outstanding"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass
class Cast:
    leader: str
    chief: str
    director: str
    member: str


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _on_topic(rng: random.Random, council: str, cast: Cast, other: str, day: date) -> str:
    rating = rng.choice(RATINGS)
    month = MONTHS[(day.month - 2) % 12]
    lines = [
        f"{council} children's services rated {rating}",
        "",
        f"Published: {day.day} {MONTHS[day.month - 1]} {day.year}",
        "",
        f'Ofsted has rated children\'s services at {council} Council as "{rating}" after an inspection in {month}.',
        "",
    ]
    event = rng.random()
    if event < 0.35:
        interim = _name(rng)
        lines += [
            f"The council's director of children's services, {cast.director}, resigned on Monday.",
            f"{interim} has been appointed as interim director of children's services.",
        ]
        cast.director = interim
    elif event < 0.55:
        lines += [
            f"The council's chief executive, {cast.chief}, was suspended pending an investigation.",
            f'Council leader {cast.leader} said the findings were "deeply disappointing".',
        ]
    elif event < 0.7:
        commissioner = _name(rng)
        lines += [
            f"The Department for Education has appointed {commissioner} as commissioner to review the service.",
            f"{cast.director}, who previously worked at {other} Council, will stay in post.",
        ]
    else:
        lines += [
            f"The cabinet member for children, Councillor {cast.member}, welcomed the report.",
            f"Council leader {cast.leader} said staff had worked hard to improve services.",
        ]
    lines += ["", *_paragraphs(rng, BACKGROUND, 8, place=council, month=month, leader=cast.leader)]
    return "\n".join(lines) + "\n"


def _paragraphs(rng: random.Random, pool: list[str], count: int, **slots: str) -> list[str]:
    """``count`` paragraphs drawn from ``pool`` (no repeats), slots filled, blank lines between."""
    out: list[str] = []
    for text in rng.sample(pool, count):
        out += [text.format(n=rng.randrange(12, 480), **slots), ""]
    return out


BACKGROUND = [
    "Inspectors found that social workers had manageable caseloads but that too many children waited "
    "too long for an assessment. The report makes four recommendations.",
    "The inspection looked at how the council helps and protects children, the experiences of children in "
    "care and care leavers, and how well leaders understand the quality of practice on the front line.",
    "According to the report, the number of children in care in {place} has risen to {n} over the past "
    "three years, and the council has struggled to recruit permanent social workers to keep up with demand.",
    "Agency staff make up almost a third of the workforce in some teams, the report says, which means that "
    "some families have had several different social workers in a short space of time.",
    "Inspectors praised the work of the fostering service and said that children living with foster carers "
    "were generally well supported, settled and making progress at school.",
    "The report says that managers do not always check that plans for children are being followed, and that "
    "some case records were out of date or did not explain why decisions had been made.",
    '"We accept the findings in full and we are determined to put things right," a council spokesperson '
    'said. "Our staff work incredibly hard for the children of {place} and we will support them."',
    "Opposition councillors called for an urgent meeting of the scrutiny committee to discuss the report, "
    "saying that warnings about the service had been raised more than a year ago.",
    "The council said it had already invested an extra {n} thousand pounds in the service this year and "
    "had appointed a new team to review every case where concerns had been raised.",
    "Nationally, the number of councils whose children's services are judged to be less than good has "
    "fallen in recent years, although charities say that rising demand is putting the system under strain.",
    "A children's charity said the findings showed the need for long-term funding rather than one-off "
    "grants, and urged the government to act on the recommendations of the national review of social care.",
    "The council will now draw up an improvement plan, which must be submitted to Ofsted within seventy "
    "working days. Inspectors are expected to return for monitoring visits over the coming months.",
    "Parents who spoke to this newspaper described long waits for support, with one mother saying she had "
    "asked for help with her son for more than a year before anyone came to see the family.",
    "{leader} told a meeting of the full council in {month} that children's services would remain the "
    "authority's top priority, despite pressure on budgets across every department.",
    "The report also found that young people leaving care were not always given enough help to find a "
    "home, and that pathway plans were too often written without the young person's views.",
    "Inspectors noted that the council works well with the police and health partners when children are "
    "at immediate risk, and that decisions about strategy meetings are timely and appropriate.",
]


LOCAL = [
    "Residents said they had been told little about the plans and called for a public meeting before any "
    "final decision is made. A spokesperson said the details would be published online next week.",
    "The work is part of a wider programme of improvements across {place}, which has seen new cycle lanes, "
    "resurfaced pavements and better lighting installed in several neighbourhoods over the past year.",
    "Local business owners said trade had been quieter than usual, with one cafe owner estimating that "
    "takings were down by around {n} pounds a week since the start of the month.",
    "Organisers thanked the volunteers who had given up their time, saying the event would not have been "
    "possible without them, and said planning for next year had already begun.",
    "Forecasters expect the weather to remain unsettled for the rest of the week, with showers and strong "
    "winds likely, before turning drier and brighter at the weekend.",
    "The club's manager said the squad had worked hard in training and deserved the result, adding that "
    "the supporters had been fantastic all season and had helped the players through difficult games.",
    "More than {n} people signed a petition in support of the scheme, which will be discussed at a public "
    "meeting in the town hall later this month.",
    "Police said the road had been closed for several hours while emergency services dealt with the "
    "incident. Anyone who saw what happened is asked to get in touch.",
    "The building, which dates from the late nineteenth century, has stood empty for almost a decade, and "
    "campaigners have long argued that it should be brought back into use for the community.",
    "Tickets for the festival sold out within hours, and organisers said they were looking at ways to "
    "increase capacity next year without affecting people who live nearby.",
]

OFF_TOPIC = [
    "Roadworks on the {place} ring road will continue until the end of {month}, drivers have been warned. "
    "Temporary traffic lights will be in place at three junctions.",
    "A new bakery has opened on the high street in {place}. The owners said they had waited two years to "
    "find the right building and hoped to take on four more staff.",
    "Heavy rain caused flooding on several roads around {place} overnight. Residents were advised to avoid "
    "unnecessary journeys until the water had gone down.",
    "{place} Town won 2-1 at home on Saturday with a late goal from their top scorer. The club's next match "
    "is away in {month}.",
    "The annual {place} flower show drew more than 3,000 visitors this weekend, organisers said, with prizes "
    "for the best roses and the largest marrow.",
]


def generate(out: Path, count: int, on_topic: float = 0.5, seed: int = 1) -> list[Path]:
    """Write ``count`` articles into ``out``; a fraction ``on_topic`` about councils' children's services."""
    rng = random.Random(seed)
    gazetteer = load_gazetteer()
    councils = sorted(c.name for c in gazetteer.councils.values() if c.rated_by_ofsted and not c.active_to)
    casts = {c: Cast(_name(rng), _name(rng), _name(rng), _name(rng)) for c in councils}
    out.mkdir(parents=True, exist_ok=True)
    start = date(2015, 1, 1)
    written = []
    for n in range(count):
        day = start + timedelta(days=rng.randrange(3650))
        council = rng.choice(councils)
        if rng.random() < on_topic:
            other = rng.choice(councils)
            if rng.random() < 0.05:  # an official moves to another council, as news reports
                casts[other].director = casts[council].director
            text = _on_topic(rng, council, casts[council], other, day)
        else:
            place = council.split()[0]
            month = MONTHS[day.month - 1]
            body = [rng.choice(OFF_TOPIC).format(place=place, month=month), ""]
            body += _paragraphs(rng, LOCAL, 9, place=place)
            text = "\n".join([f"{place} news", "", f"Published: {day.day} {month} {day.year}", "", *body])
        path = out / f"a{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--on-topic", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out, args.count, args.on_topic, args.seed)
    print(f"wrote {len(files)} articles to {args.out}")


if __name__ == "__main__":
    main()
