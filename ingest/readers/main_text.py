"""A web page's main text (ingest.readers.html) set right by the page's own blocks: the
subtitle and lead of the article's own header and the lead set apart above the article, which
trafilatura leaves out; the article's parts after an advertisement and the tweets it quotes,
which it leaves out too; and the blocks the page names its website's (a copyright or cookie
notice, a box of related articles, a popup), which it takes in."""

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

from selectolax.lexbor import LexborHTMLParser

from ..documents import Passage
from . import blocks

# In an article's own header (its title, subtitle and lead), the parts that are not prose: by
# their class or id, links, dates; and small print (a notice of affiliate links, a disclaimer).
HEAD_LEFT_OUT = re.compile(
    r"share|social|breadcrumb|author|byline|date|time|meta|tags|categor|caption|credit|comment"
    r"|related|rating|reading|figure|small-font|\btext-(?:xs|sm)\b|fine-?print|disclaimer"
    r"|disclosure|affiliate",
    re.I,
)
HEAD_BLOCKS = "h2, h3, h4, h5, h6, p, div"  # not its title, which is the page's
FEWEST_HEAD_WORDS = 4
MOST_HEAD_LINKS = 0.3  # of its text's characters
# A passage of trafilatura's main text this long within an article makes it the page's own.
OWN_ARTICLE_PASSAGE = 60
# A news page's lead (standfirst), set apart above its article: among the few blocks just
# before the main text's first long passage, prose of a sentence or more; and, anywhere
# above it, a block the page names a lead by its class or id or its parent's.
LEAD_BLOCKS_BEFORE = 4
MOST_LEAD_PASSAGES = 2
FEWEST_LEAD_WORDS = 8
SENTENCE_ENDS = tuple('.!?:"“”»«')
LEAD_NAMES = re.compile(
    r"intro|lead|excerpt|preface|chapo|deck|standfirst|summary|teaser|subheadline", re.I
)
LEAD_NAME_LEVELS = 2
# How far up from a block its ancestors' class and id tell what it is (a caption, a byline).
LEAD_ANCESTORS = 3
# Blocks of trafilatura's main text that are the website's after all, by the class or id of
# the block or of its parents: measured on trafilatura's evaluation set, none of these takes
# main text out ("newsletter", "share", "promo" and others would).
WEBSITE_BLOCK = re.compile(r"copyright|cookie|related|popup|popmake", re.I)
WEBSITE_LEVELS = 3
# An article cut into several elements alike (by an advertisement, a newsletter box): an
# element that holds this many of the main text's long blocks, named the same two levels up
# (with a class), is the article's own kind, and so is every other element named so.
FEWEST_ARTICLE_PARTS = 3
ARTICLE_PART_LEVELS = 2
QUOTED_POST = "twitter-tweet"  # the class X (Twitter) gives a post that a page quotes
# A recipe as the page declares it in schema.org's terms (for search engines): the elements of
# its parts (microdata) and their blocks, and its texts (JSON-LD).
RECIPE_PROPERTIES = frozenset(
    {
        *("recipeIngredient", "ingredients", "recipeInstructions", "recipeYield"),
        *("cookTime", "prepTime", "totalTime", "nutrition"),
    }
)
RECIPE_TEXTS = ("recipeIngredient", "recipeYield", "description")
RECIPE_LEVELS = 3  # from a part's element to its block, or from a block to a part's element
# The most words of a block that holds one of its texts among others (`für 12 Stück`).
MOST_RECIPE_TEXT_WORDS = 8


@dataclass
class Recipe:
    """The recipe a page declares: the mem_ids of the elements of its parts and of the
    elements holding them (RECIPE_LEVELS up), and its texts without spaces."""

    parts: set[int] = field(default_factory=set)
    holders: set[int] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)


def article_heads(tree: LexborHTMLParser) -> list[tuple[str, Passage]]:
    """The prose of each article's own header (title, subtitle, lead), which trafilatura
    leaves out, with its article's text."""
    heads = []
    for header in blocks.article_headers(tree):
        article = header.parent
        while article is not None and article.tag not in ("article", "main"):
            article = article.parent
        article_text = " ".join((article or header).text(separator=" ").split())
        for node in header.css(HEAD_BLOCKS):
            if any(inner.mem_id != node.mem_id for inner in node.css(HEAD_BLOCKS)):
                continue  # its text is in the blocks within it
            text = " ".join(node.text(separator=" ").split())
            links = link_characters(node)
            if (
                len(text.split()) < FEWEST_HEAD_WORDS
                or links > MOST_HEAD_LINKS * len(text)
                or node.css_first("time")
                or any(HEAD_LEFT_OUT.search(names) for names in names_up_to(node, header))
            ):
                continue
            kind = "heading" if node.tag in blocks.HEADINGS else "text"
            passage = Passage(text, section=text if kind == "heading" else None, kind=kind)
            heads.append((article_text, passage))
    return heads


def own_heads(heads: list[tuple[str, Passage]], found: list[Passage]) -> list[Passage]:
    """The header passages of the article the main text is in (not of the teasers of other
    articles on the page) that the main text does not already have."""
    # compared without spaces: trafilatura runs a heading's <span>s together
    said = squeezed("".join(passage.text for passage in found))
    long_found = [passage.text for passage in found if len(passage.text) >= OWN_ARTICLE_PASSAGE]
    return [
        passage
        for article, passage in heads
        if squeezed(passage.text) not in said and any(text in article for text in long_found)
    ]


def lead_passages(leaves: list[tuple], found: list[Passage]) -> list[Passage]:
    """The main text `found` after the page's lead, which trafilatura leaves out: the blocks
    above the first block that holds one of the main text's long passages that the page
    names a lead, and up to two blocks of prose among the few just before it (not a heading,
    caption, byline, date or links), in the page's order, none the main text has already;
    `leaves`, the page's blocks (leaf_blocks)."""
    # Compared without spaces: a block's inline elements can space its text (`11. Oktober ,`)
    # where trafilatura's does not.
    long = [squeezed(passage.text) for passage in found if len(passage.text) >= OWN_ARTICLE_PASSAGE]
    before = []  # the blocks above the main text: node, text, and the text without spaces
    for node, text in leaves:
        block = squeezed(text)
        if any(
            kept in block or (len(text) >= OWN_ARTICLE_PASSAGE and block in kept) for kept in long
        ):
            break
        before.append((node, text, block))
    else:
        return found
    said = squeezed("".join(passage.text for passage in found))
    nearest = [
        text
        for node, text, block in reversed(before[-LEAD_BLOCKS_BEFORE:])
        if is_prose(node, text) and block not in said
    ][:MOST_LEAD_PASSAGES]
    leads = {
        text: Passage(text)
        for node, text, block in before
        if text in nearest or (is_named_lead(node, text) and block not in said)
    }
    return [*leads.values(), *found]


def with_article_parts(
    leaves: list[tuple], found: list[Passage], recipe: Recipe | None = None
) -> list[Passage]:
    """The main text `found` with the article's parts trafilatura left out, each after the
    main text's passage just above it: prose blocks (as `is_prose`) in an element named as
    those that hold the main text's long blocks, within the same `<article>` (an article that
    an advertisement cuts in two, where trafilatura reads only the first part; not the
    teasers and articles of other stories), the posts it quotes between its blocks (a
    tweet, with its author and date), and the parts of the `recipe` the page declares (its
    ingredients, yield and times); `leaves`, the page's blocks (leaf_blocks)."""
    # Blocks are matched to passages whole, by a dict: a page of 10,000 paragraphs would
    # otherwise search all its text 10,000 times.
    passage_at: dict[str, int] = {}
    for i, passage in enumerate(found):
        passage_at.setdefault(squeezed(passage.text), i)
    # each block with its text, that text without spaces, and the passage it is, if any
    matched = [
        (node, text, block, passage_at.get(block))
        for node, text in leaves
        for block in [squeezed(text)]
    ]
    long_at = [
        i
        for i, (_, text, _, at) in enumerate(matched)
        if at is not None and len(text) >= OWN_ARTICLE_PASSAGE
    ]
    if not long_at:
        return found
    long = [matched[i][0] for i in long_at]
    named = Counter(part_name(node) for node in long if node.parent.attributes.get("class"))
    kinds = {name for name, count in named.items() if count >= FEWEST_ARTICLE_PARTS}
    articles = {enclosing_article(node) for node in long if part_name(node) in kinds}
    said = squeezed("".join(passage.text for passage in found))
    after: dict[int, list[Passage]] = {}  # the parts, by the index of the passage above them
    quoted = set()  # the posts read, by mem_id
    recipe_read = set()  # the recipe's parts read, without spaces
    above = -1
    for i, (node, text, block, at) in enumerate(matched):
        if at is not None:
            above = max(above, at)
        elif (
            kinds
            and part_name(node) in kinds
            and is_prose(node, text)
            and enclosing_article(node) in articles
            and block not in said
        ):
            after.setdefault(above, []).append(Passage(text))
        elif recipe and is_recipe_part(node, text, recipe):
            if block not in said and block not in recipe_read:
                recipe_read.add(block)  # a page may write it twice (for print)
                after.setdefault(above, []).append(Passage(text))
        elif long_at[0] < i < long_at[-1] and (post := quoted_post(node)) is not None:
            post_text = block_text(post)
            if post.mem_id not in quoted and squeezed(post_text) not in said:
                quoted.add(post.mem_id)
                after.setdefault(above, []).append(Passage(post_text))
    if not after:
        return found
    return [
        *after.get(-1, []),
        *(part for i, passage in enumerate(found) for part in [passage, *after.get(i, [])]),
    ]


def quoted_post(block):
    """The post of a social network that a block is or opens, as a page quotes it in X's
    markup (`<blockquote class=twitter-tweet><p>`), if any."""
    for node in (block, block.parent):
        if node.tag == "blockquote" and QUOTED_POST in (node.attributes.get("class") or ""):
            return node
    return None


def declared_recipe(tree: LexborHTMLParser, declared: list[dict]) -> Recipe | None:
    """The recipe the page declares in schema.org's terms, if any: in its microdata (the
    `tree`'s `itemprop`s) and in its JSON-LD (`declared`, its objects)."""
    recipe = Recipe()
    for node in tree.css("[itemprop]"):
        if node.attributes.get("itemprop") in RECIPE_PROPERTIES:
            recipe.parts.add(node.mem_id)
            recipe.holders.update(ancestor.mem_id for ancestor in ancestors(node, RECIPE_LEVELS))
    for value in declared:
        kind = value.get("@type")
        if kind == "Recipe" or (isinstance(kind, list) and "Recipe" in kind):
            for name in RECIPE_TEXTS:
                texts = value.get(name)
                for text in texts if isinstance(texts, list) else [texts]:
                    if isinstance(text, str | int) and str(text).strip():
                        recipe.texts.add(squeezed(unescape(str(text))))
    return recipe if recipe.parts or recipe.texts else None


def is_recipe_part(node, text: str, recipe: Recipe) -> bool:
    """Whether a block (`node`, its `text`) is a part of the `recipe`: in or beside a part's
    element, with a word (not a recipe plugin's version number) and not mostly links; or one
    of its texts, alone or with a few words (`für 12 Stück` for `12 Stück`) fewer than its
    own."""
    if is_recipe_text(text, recipe.texts):
        return True
    if not any(character.isalpha() for character in text):
        return False
    links = link_characters(node)
    return links <= MOST_HEAD_LINKS * len(text) and (
        node.parent.mem_id in recipe.holders
        or any(
            ancestor.mem_id in recipe.parts for ancestor in [node, *ancestors(node, RECIPE_LEVELS)]
        )
    )


def is_recipe_text(text: str, texts: set[str]) -> bool:
    """Whether `text` is one of the `texts` (without spaces), or a short text half or more of
    whose words, in a run, are one."""
    words = text.split()
    if squeezed(text) in texts:
        return True
    if len(words) > MOST_RECIPE_TEXT_WORDS:
        return False
    half = (len(words) + 1) // 2
    return any(
        "".join(words[start:end]) in texts
        for start in range(len(words))
        for end in range(start + half, len(words) + 1)
    )


def ancestors(node, levels: float = math.inf) -> Iterator:
    node = node.parent
    while node is not None and levels:
        yield node
        node = node.parent
        levels -= 1


def part_name(block) -> tuple[str, ...]:
    """The tag, class and id of the element that holds a block, and of its parent."""
    return tuple(names_up_to(block.parent, None, ARTICLE_PART_LEVELS))


def enclosing_article(node) -> int | None:
    """The `<article>` a node is in (its mem_id), if any."""
    return next((above.mem_id for above in ancestors(node) if above.tag == "article"), None)


def without_website_blocks(leaves: list[tuple], found: list[Passage]) -> list[Passage]:
    """The main text's passages but those that are a block of the website's (a copyright or
    cookie notice, a box of related articles, a popup): `leaves`, the page's (leaf_blocks)."""
    website = {
        text
        for node, text in leaves
        if any(WEBSITE_BLOCK.search(names) for names in names_up_to(node, None, WEBSITE_LEVELS))
    }
    return [passage for passage in found if passage.text not in website]


def is_named_lead(node, text: str) -> bool:
    """Whether a block (`node`, its `text`) is one the page names its lead (`intro`,
    `standfirst`, `chapo`, an article's `deck`), a sentence long, no caption or byline."""
    names = list(names_up_to(node, None, LEAD_NAME_LEVELS))
    return (
        len(text.split()) >= FEWEST_LEAD_WORDS
        and any(LEAD_NAMES.search(name) for name in names)
        and not any(HEAD_LEFT_OUT.search(name) for name in names)
    )


def is_prose(node, text: str) -> bool:
    """Whether a block (`node`, its `text`) is a lead's prose: a sentence or more, not a
    heading, not mostly links, no date, caption or byline."""
    links = link_characters(node)
    return (
        node.tag not in blocks.HEADINGS
        and len(text.split()) >= FEWEST_LEAD_WORDS
        and text.endswith(SENTENCE_ENDS)
        and links <= MOST_HEAD_LINKS * len(text)
        and not node.css_first("time")
        and not any(
            HEAD_LEFT_OUT.search(names) for names in names_up_to(node, None, LEAD_ANCESTORS)
        )
    )


def names_up_to(node, top, levels: float = math.inf) -> Iterator[str]:
    """The tag, class and id of the node and of its ancestors below `top` (None: the page's
    root), `levels` of them at most."""
    while node is not None and levels and (top is None or node.mem_id != top.mem_id):
        attributes = node.attributes
        yield f"{node.tag} {attributes.get('class') or ''} {attributes.get('id') or ''}"
        node = node.parent
        levels -= 1


def leaf_blocks(root) -> Iterator[tuple[object, str]]:
    """The blocks with no block within them, in document order, each with its text (as a
    passage has it); a block's exit comes after every block within it."""
    holds_block = set()  # mem_ids of elements with a block within them
    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if entering:
            stack.append((node, False))
            child = node.last_child
            while child is not None:
                if not child.is_text_node:
                    stack.append((child, True))
                child = child.prev
            continue
        is_block = node.tag in blocks.BLOCKS
        if (is_block or node.mem_id in holds_block) and node.parent is not None:
            holds_block.add(node.parent.mem_id)
        if is_block and node.mem_id not in holds_block:
            text = block_text(node)
            if text:
                yield node, text


def link_characters(node) -> int:
    """How many characters of an element's text are its links' (spaces run together)."""
    return sum(len(" ".join(link.text().split())) for link in node.css("a"))


def block_text(node) -> str:
    """An element's text as a passage has it: spaced between its elements, no soft hyphens."""
    return " ".join(node.text(separator=" ").replace(blocks.SOFT_HYPHEN, "").split())


def squeezed(text: str) -> str:
    return "".join(text.split())
