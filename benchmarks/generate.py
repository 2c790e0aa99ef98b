"""A seeded generator of realistic news articles for the benchmark (text the project writes itself).

    python benchmarks/generate.py OUT_DIR --count 2000 [--on-topic 0.5] [--seed 1]

On-topic articles report what the news reports about councils' children's services: an Ofsted
rating, a director resigning or being sacked, an interim appointed, a commissioner sent in, a
leader's response. Each council has its own cast (leader, chief executive, director, cabinet
member) who recur across its articles, and officials sometimes move to another council, as in
real news. Off-topic articles are other local news (roads, weather, sport, business) in a set
proportion. Councils come from the gazetteer; people's names are drawn from lists written here.
The same seed gives the same articles, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from councilgraph.graph.gazetteer import load_gazetteer

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
    lines += [
        "",
        "Inspectors found that social workers had manageable caseloads but that too many children waited "
        "too long for an assessment. The report makes four recommendations.",
    ]
    return "\n".join(lines) + "\n"


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
            text = rng.choice(OFF_TOPIC).format(place=place, month=MONTHS[day.month - 1])
            text = f"{place} news\n\nPublished: {day.day} {MONTHS[day.month - 1]} {day.year}\n\n{text}\n"
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
