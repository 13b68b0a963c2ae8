"""The co-occurrence network as files for network tools: `/corpus/cooccurrence.gexf` (Gephi)
and `.graphml`, both read by networkx. Nodes are the entities named together with another (name,
type, mentions); edges the pairs of `cooccurrence`, weighted by the passages naming both. The
whole network, whatever page of the table the link is on."""

import xml.etree.ElementTree as ElementTree

from datasette import Response, hookimpl

NODES = """select id, name, type, mentions from entities
where id in (select entity_a from cooccurrence union select entity_b from cooccurrence)
order by id"""
EDGES = "select entity_a, entity_b, passages from cooccurrence order by entity_a, entity_b"
GEXF = "http://www.gexf.net/1.2draft"
GRAPHML = "http://graphml.graphdrawing.org/xmlns"


async def network(datasette, database: str) -> tuple[list, list]:
    db = datasette.get_database(database)
    return (await db.execute(NODES)).rows, (await db.execute(EDGES)).rows


def gexf(nodes, edges) -> bytes:
    root = ElementTree.Element("gexf", {"xmlns": GEXF, "version": "1.2"})
    graph = ElementTree.SubElement(root, "graph", mode="static", defaultedgetype="undirected")
    attributes = ElementTree.SubElement(graph, "attributes", {"class": "node"})
    for number, (title, kind) in enumerate([("type", "string"), ("mentions", "integer")]):
        ElementTree.SubElement(attributes, "attribute", id=str(number), title=title, type=kind)
    node_list = ElementTree.SubElement(graph, "nodes")
    for node in nodes:
        element = ElementTree.SubElement(node_list, "node", id=str(node["id"]), label=node["name"])
        values = ElementTree.SubElement(element, "attvalues")
        ElementTree.SubElement(values, "attvalue", {"for": "0", "value": node["type"]})
        ElementTree.SubElement(values, "attvalue", {"for": "1", "value": str(node["mentions"])})
    edge_list = ElementTree.SubElement(graph, "edges")
    for number, edge in enumerate(edges):
        ElementTree.SubElement(
            edge_list,
            "edge",
            id=str(number),
            source=str(edge["entity_a"]),
            target=str(edge["entity_b"]),
            weight=str(edge["passages"]),
        )
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def graphml(nodes, edges) -> bytes:
    root = ElementTree.Element("graphml", {"xmlns": GRAPHML})
    for key, target, kind in [
        ("name", "node", "string"),
        ("type", "node", "string"),
        ("mentions", "node", "int"),
        ("weight", "edge", "int"),
    ]:
        ElementTree.SubElement(
            root, "key", {"id": key, "for": target, "attr.name": key, "attr.type": kind}
        )
    graph = ElementTree.SubElement(root, "graph", edgedefault="undirected")
    for node in nodes:
        element = ElementTree.SubElement(graph, "node", id=str(node["id"]))
        for key in ("name", "type", "mentions"):
            ElementTree.SubElement(element, "data", key=key).text = str(node[key])
    for edge in edges:
        element = ElementTree.SubElement(
            graph, "edge", source=str(edge["entity_a"]), target=str(edge["entity_b"])
        )
        ElementTree.SubElement(element, "data", key="weight").text = str(edge["passages"])
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def renderer(extension: str, write, content_type: str) -> dict:
    async def render(datasette, database):
        body = write(*await network(datasette, database))
        return Response(
            body,
            content_type=content_type,
            headers={
                "content-disposition": f'attachment; filename="{database}-network.{extension}"'
            },
        )

    return {
        "extension": extension,
        "render": render,
        "can_render": lambda table: table == "cooccurrence",
    }


@hookimpl
def register_output_renderer(datasette):
    return [
        renderer("gexf", gexf, "application/gexf+xml; charset=utf-8"),
        renderer("graphml", graphml, "application/graphml+xml; charset=utf-8"),
    ]
