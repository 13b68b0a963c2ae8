"""TEI XML, the encoding of digital scholarly editions: the header's title, author, date,
language and other fields as metadata; one passage per paragraph-level element of the text
(a paragraph, a stanza, a list item, a table row, an opener or closer of a letter), `<head>` a
heading and the section of what follows, `<pb n>` the page, each `<note>` a note passage
cited by the passage it stands in. The reading text is the edition's: a `<choice>` read as
its regularised, corrected or expanded form, deletions and forme work (running heads, page
numbers) left out. The edition's own markup of names (`<persName>`, `<placeName>`,
`<orgName>`) and dates (`<date when>`) comes with each passage as its annotations."""

from collections.abc import Iterator

from ..documents import Annotation, Document, Passage, ReadOptions, SourceFile, split_metadata
from ..errors import SourceError
from .xml import descendants, first, local_name, parse_xml, text_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Elements each of whose text is one passage; any other element's text runs on.
BLOCKS = frozenset(
    {
        *("ab", "address", "argument", "byline", "castItem", "closer", "dateline", "docAuthor"),
        *("docDate", "docImprint", "docTitle", "epigraph", "head", "item", "l", "label", "lg"),
        *("opener", "p", "row", "salute", "signed", "sp", "speaker", "stage", "trailer"),
    }
)
# Elements whose text is no part of the reading text.
LEFT_OUT = frozenset(
    {"del", "fw", "figDesc", "gap", "surplus", "metamark", "teiHeader", "facsimile"}
)
# A <choice>'s readings, the preferred first.
READINGS = ("reg", "corr", "expan", "orig", "sic", "abbr")
NAMES = {"persName": "PERSON", "placeName": "GPE", "orgName": "ORG"}
NAME_TYPES = {"person": "PERSON", "place": "GPE", "org": "ORG", "organisation": "ORG"}
CONTAINERS = frozenset({"body", "front", "back", "div", "lg", *(f"div{n}" for n in range(1, 8))})


def read(source: SourceFile, options: ReadOptions) -> Iterator[Document]:
    path = source.path
    root = parse_xml(source.data, path, "TEI XML")
    name = local_name(root)
    if name == "teiCorpus":
        editions = [child for child in root if local_name(child) == "TEI"]
    elif name in ("TEI", "TEI.2"):
        editions = [root]
    else:
        raise SourceError(f"{path}: an XML file whose root is <{name}>, not a TEI document")
    for number, edition in enumerate(editions, 1):
        filename = path.name if len(editions) == 1 else f"{path.name}#{number}"
        text = first(edition, "text")
        found = list(TextReader().passages(text)) if text is not None else []
        yield Document(filename, str(path), "tei", found, header_metadata(edition))


def header_metadata(edition) -> dict:
    header = first(edition, "teiHeader")
    if header is None:
        return {}
    title_statement = first(header, "titleStmt")
    metadata = {}
    if title_statement is not None:
        titles = descendants(title_statement, "title")
        main = [t for t in titles if t.get("type") in (None, "main")] or titles
        metadata["title"] = text_of(main[0]) if main else None
        metadata["author"] = [text_of(a) for a in descendants(title_statement, "author")]
        metadata["editor"] = (
            "; ".join(text_of(e) for e in descendants(title_statement, "editor")) or None
        )
    metadata["date"] = written_date(header)
    metadata["language"] = edition.get(XML_LANG) or language_used(header)
    publication = first(header, "publicationStmt")
    if publication is not None:
        metadata["publisher"] = text_of(first(publication, "publisher")) or None
        licence = first(publication, "licence")
        if licence is not None:
            metadata["licence"] = licence.get("target") or text_of(licence)
        identifiers = [text_of(i) for i in descendants(publication, "idno") if text_of(i)]
        metadata["idno"] = "; ".join(identifiers) or None
    for action in descendants(header, "correspAction"):
        role = {"sent": "sender", "received": "recipient"}.get(action.get("type"))
        if role:
            metadata[role] = "; ".join(text_of(p) for p in descendants(action, "persName")) or None
            place = first(action, "placeName")
            if role == "sender" and text_of(place):
                metadata["place"] = text_of(place)
    return split_metadata(metadata)


def written_date(header) -> str | None:
    """When the text itself was written: the letter's sending, the text's creation, else the
    date of the source it was transcribed from (not the electronic edition's)."""
    candidates = [
        date
        for action in descendants(header, "correspAction")
        if action.get("type") == "sent"
        for date in descendants(action, "date")
    ]
    for place in ("creation", "sourceDesc"):
        found = first(header, place)
        if found is not None:
            candidates += descendants(found, "date")
    for date in candidates:
        value = date.get("when") or date.get("notBefore") or date.get("from")
        value = value or text_of(date).rstrip(".")
        if value:
            return value
    return None


def language_used(header) -> str | None:
    language = first(header, "langUsage", "language")
    return language.get("ident") if language is not None else None


class TextReader:
    """Walks the text once in document order, cutting a passage at each block's start and
    end; a note's text is read apart and given after the passage it stands in."""

    def __init__(self):
        self.pieces: list[str] = []
        self.annotations: list[Annotation] = []
        self.notes: list[tuple[str, tuple, int | None]] = []  # waiting for their citer
        self.page: int | None = None
        self.first_page: int | None = None  # the page the passage being read starts on
        self.section: str | None = None
        self.given = 0  # passages given so far: the next one's index
        self.in_note = 0

    def passages(self, text) -> Iterator[Passage]:
        yield from self.element(text)
        yield from self.cut("text")

    def add(self, text: str | None) -> None:
        if text:
            if self.first_page is None and not text.isspace():
                self.first_page = self.page
            self.pieces.append(text)

    def element(self, node, parent_name: str = "") -> Iterator[Passage]:
        name = local_name(node)
        if name in LEFT_OUT or not name:
            pass
        elif name == "pb":
            number = "".join(c for c in node.get("n", "") if c.isdigit())
            self.page = int(number) if number else None
        elif name == "lb":
            self.add("" if node.get("break") == "no" else "\n")
        elif name == "choice":
            readings = {local_name(child): child for child in node}
            chosen = next((readings[r] for r in READINGS if r in readings), None)
            if chosen is not None:
                yield from self.inline(chosen)
        elif name == "note":
            yield from self.note(node)
        elif name == "cell" and not self.in_note:
            if "".join(self.pieces).strip():
                self.add("; ")
            yield from self.inline(node)
        elif name in BLOCKS and not (name == "l" and parent_name == "lg") and not self.in_note:
            yield from self.cut("text")
            yield from self.inline(node)
            kind = {"head": "heading", "row": "table"}.get(name, "text")
            if name == "head" and parent_name in CONTAINERS:
                self.section = " ".join("".join(self.pieces).split()) or self.section
            yield from self.cut(kind)
        else:
            yield from self.inline(node)
            if name in BLOCKS:
                self.add("\n")
        self.add(node.tail)

    def inline(self, node) -> Iterator[Passage]:
        """The element's own text and children, an edition's name or date noted with them."""
        label, value = annotation_of(node)
        start = len(self.pieces)
        self.add(node.text)
        name = local_name(node)
        for child in node:
            yield from self.element(child, name)
        if label:
            surface = " ".join("".join(self.pieces[start:]).split())
            if surface:
                self.annotations.append(Annotation(surface, label, value))

    def note(self, node) -> Iterator[Passage]:
        held = self.pieces, self.annotations, self.first_page
        self.pieces, self.annotations, self.first_page = [], [], None
        self.in_note += 1
        yield from self.inline(node)
        self.in_note -= 1
        note = (" ".join("".join(self.pieces).split()), tuple(self.annotations), self.first_page)
        self.pieces, self.annotations, self.first_page = held
        if not note[0]:
            return
        if self.in_note or "".join(self.pieces).strip():
            self.notes.append(note)
        else:
            yield self.note_passage(note, None)

    def note_passage(self, note: tuple, cited_in: int | None) -> Passage:
        text, annotations, page = note
        self.given += 1
        return Passage(
            text,
            page=page,
            section=self.section,
            kind="note",
            cited_in=cited_in,
            annotations=annotations,
        )

    def cut(self, kind: str) -> Iterator[Passage]:
        text = " ".join("".join(self.pieces).split())
        if text:
            cited = self.given
            self.given += 1
            yield Passage(
                text,
                page=self.first_page,
                section=self.section,
                kind=kind,
                annotations=tuple(self.annotations),
            )
            for note in self.notes:
                yield self.note_passage(note, cited)
            self.notes = []
        self.pieces, self.annotations, self.first_page = [], [], None


def annotation_of(node) -> tuple[str | None, str | None]:
    """The label (and a date's ISO value) the edition gives the element, if any."""
    name = local_name(node)
    if name in NAMES:
        return NAMES[name], None
    if name == "name" and node.get("type") in NAME_TYPES:
        return NAME_TYPES[node.get("type")], None
    if name == "date":
        when = node.get("when")
        if when:
            return "DATE", when
        first, last = (
            node.get("from") or node.get("notBefore"),
            node.get("to") or node.get("notAfter"),
        )
        if first and last:
            return "DATE", f"{first}/{last}"
    return None, None
