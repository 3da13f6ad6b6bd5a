/**
 * The table API the SQL layer uses: {@link io.s3vector.storage.table.Database}, {@link
 * io.s3vector.storage.table.Table}, {@link io.s3vector.storage.table.TableSnapshot} and the {@link
 * io.s3vector.storage.table.RowBatch}es a scan yields, {@link
 * io.s3vector.storage.table.StagedWrite}, the schema values ({@link
 * io.s3vector.storage.table.TableSchema}, {@link io.s3vector.storage.table.ColumnSpec}, {@link
 * io.s3vector.storage.table.ColumnType}, {@link io.s3vector.storage.table.IndexDefinition}), the
 * 42P07 exceptions and the {@link io.s3vector.storage.table.StoreOptions} tunables. Interfaces and
 * values only: it is the top of the path of one read (table, {@code engine} snapshot, {@code
 * segment}, {@code cache}, {@code zarr}, {@code objectstore}); the packages below build on its
 * types and it depends on none of them. The implementation is {@code
 * io.s3vector.storage.engine.StoreDatabase}; open one with {@code StoreDatabase.open(new
 * LocalObjectStore(dataDir))}.
 */
package io.s3vector.storage.table;
