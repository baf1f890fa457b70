"""Version of the index layout, kept apart so that a freshness check needs no Whoosh import."""

#: Stored in every manifest; bump it with every change to the schema, the analyzers or the
#: document shape. An index with another version is rebuilt automatically.
SCHEMA_VERSION = 7
