/**
 * Where everything lives in the store, and its JSON form. {@link io.s3vector.storage.layout.Layout}
 * gives the object keys — manifest versions, table folders, segment groups, column and NULL
 * arrays, HNSW graph groups — with table, column and index names escaped into safe path
 * components; {@link io.s3vector.storage.layout.CatalogJson} writes and reads the snake_case JSON
 * of the manifest and of the segment attributes. Not a step on the path of one read but the map
 * every step uses (the manifest log, the segment reader and writer, the graph store); it depends
 * on no other storage package.
 */
package io.s3vector.storage.layout;
