"""XML as the readers of TEI, EPUB and Word notes parse it: from untrusted files, so no DTD
loaded, nothing fetched, no external entity read, internal ones expanded only within
libxml2's limits (an entity-expansion bomb is an error) and documents nested no deeper than
its default limit (256)."""

from pathlib import Path

from lxml import etree

from ..errors import SourceError

PARSER = etree.XMLParser(
    resolve_entities="internal", no_network=True, load_dtd=False, huge_tree=False
)


def parse_xml(data: bytes, path: Path | str, what: str = "XML") -> etree._Element:
    """The root element of the XML; a file that is not well-formed, that declares an
    external entity or that expands beyond the limits is one SourceError naming `path`."""
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as error:
        problem = " ".join(str(error).split())
        if b"<!ENTITY" in data and (b"SYSTEM" in data or b"PUBLIC" in data):
            problem += "; external entities are never read"
        raise SourceError(f"{path}: not well-formed {what} ({problem})") from None


def first(element, *names: str):
    """The first descendant along the path of local names, or None."""
    for name in names:
        element = next((e for e in element.iter() if local_name(e) == name), None)
        if element is None:
            return None
    return element


def descendants(element, name: str) -> list:
    """The element's descendants (and itself) of the local name, in document order."""
    return [e for e in element.iter() if local_name(e) == name]


def text_of(element) -> str:
    """The element's text, whitespace collapsed; '' for no element."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def local_name(element) -> str:
    """The element's name without its namespace; '' for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
