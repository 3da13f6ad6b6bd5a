package io.s3vector.sql.catalog;

import io.s3vector.sql.catalog.CatalogTables.CatalogTable;
import io.s3vector.sql.catalog.UserTables.Column;
import io.s3vector.sql.catalog.UserTables.Index;
import io.s3vector.sql.catalog.UserTables.UserTable;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.types.TypeDescription;
import io.s3vector.storage.table.SequenceSpec;
import io.s3vector.storage.table.SerialOptions;
import io.s3vector.storage.table.TableConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The relations of schema pg_catalog, each built when a query reads it: from the type registry
 * ({@link CatalogTypes}), the dumped pg_proc/pg_opclass rows, the session's settings, and the
 * database's tables ({@link UserTables}). Catalogs of features we do not have (inheritance,
 * policies, publications, triggers, rules, extended statistics, ...) exist and are empty, as in a
 * database that uses none of them, so psql's {@code \d} footers find nothing rather than fail.
 */
public final class PgCatalog {
  /** The columns of each relation, as PostgreSQL 15 declares them (attname and format_type). */
  private static final Map<String, String> DECLARATIONS = Map.ofEntries(
      Map.entry("pg_namespace", "oid oid, nspname name, nspowner oid, nspacl aclitem[]"),
      Map.entry("pg_class", "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid,"
          + " relowner oid, relam oid, relfilenode oid, reltablespace oid, relpages integer,"
          + " reltuples real, relallvisible integer, reltoastrelid oid, relhasindex boolean,"
          + " relisshared boolean, relpersistence \"char\", relkind \"char\", relnatts smallint,"
          + " relchecks smallint, relhasrules boolean, relhastriggers boolean,"
          + " relhassubclass boolean, relrowsecurity boolean, relforcerowsecurity boolean,"
          + " relispopulated boolean, relreplident \"char\", relispartition boolean,"
          + " relrewrite oid, relfrozenxid xid, relminmxid xid, relacl aclitem[],"
          + " reloptions text[], relpartbound pg_node_tree"),
      Map.entry("pg_attribute", "attrelid oid, attname name, atttypid oid,"
          + " attstattarget integer, attlen smallint, attnum smallint, attndims integer,"
          + " attcacheoff integer, atttypmod integer, attbyval boolean, attalign \"char\","
          + " attstorage \"char\", attcompression \"char\", attnotnull boolean,"
          + " atthasdef boolean, atthasmissing boolean, attidentity \"char\","
          + " attgenerated \"char\", attisdropped boolean, attislocal boolean,"
          + " attinhcount integer, attcollation oid, attacl aclitem[], attoptions text[],"
          + " attfdwoptions text[], attmissingval anyarray"),
      Map.entry("pg_attrdef", "oid oid, adrelid oid, adnum smallint, adbin pg_node_tree"),
      Map.entry("pg_index", "indexrelid oid, indrelid oid, indnatts smallint,"
          + " indnkeyatts smallint, indisunique boolean, indnullsnotdistinct boolean,"
          + " indisprimary boolean, indisexclusion boolean, indimmediate boolean,"
          + " indisclustered boolean, indisvalid boolean, indcheckxmin boolean,"
          + " indisready boolean, indislive boolean, indisreplident boolean, indkey int2vector,"
          + " indcollation oidvector, indclass oidvector, indoption int2vector,"
          + " indexprs pg_node_tree, indpred pg_node_tree"),
      Map.entry("pg_am", "oid oid, amname name, amhandler regproc, amtype \"char\""),
      Map.entry("pg_opclass", "oid oid, opcmethod oid, opcname name, opcnamespace oid,"
          + " opcowner oid, opcfamily oid, opcintype oid, opcdefault boolean, opckeytype oid"),
      Map.entry("pg_constraint", "oid oid, conname name, connamespace oid, contype \"char\","
          + " condeferrable boolean, condeferred boolean, convalidated boolean, conrelid oid,"
          + " contypid oid, conindid oid, conparentid oid, confrelid oid,"
          + " confupdtype \"char\", confdeltype \"char\", confmatchtype \"char\","
          + " conislocal boolean, coninhcount integer, connoinherit boolean, conkey smallint[],"
          + " confkey smallint[], conpfeqop oid[], conppeqop oid[], conffeqop oid[],"
          + " confdelsetcols smallint[], conexclop oid[], conbin pg_node_tree"),
      Map.entry("pg_description", "objoid oid, classoid oid, objsubid integer, description text"),
      Map.entry("pg_shdescription", "objoid oid, classoid oid, description text"),
      Map.entry("pg_extension", "oid oid, extname name, extowner oid, extnamespace oid,"
          + " extrelocatable boolean, extversion text, extconfig oid[], extcondition text[]"),
      Map.entry("pg_database", "oid oid, datname name, datdba oid, encoding integer,"
          + " datlocprovider \"char\", datistemplate boolean, datallowconn boolean,"
          + " datconnlimit integer, datfrozenxid xid, datminmxid xid, dattablespace oid,"
          + " datcollate text, datctype text, daticulocale text, datcollversion text,"
          + " datacl aclitem[]"),
      Map.entry("pg_settings", "name text, setting text, unit text, category text,"
          + " short_desc text, extra_desc text, context text, vartype text, source text,"
          + " min_val text, max_val text, enumvals text[], boot_val text, reset_val text,"
          + " sourcefile text, sourceline integer, pending_restart boolean"),
      Map.entry("pg_roles", "rolname name, rolsuper boolean, rolinherit boolean,"
          + " rolcreaterole boolean, rolcreatedb boolean, rolcanlogin boolean,"
          + " rolreplication boolean, rolconnlimit integer, rolpassword text,"
          + " rolvaliduntil timestamp with time zone, rolbypassrls boolean, rolconfig text[],"
          + " oid oid"),
      Map.entry("pg_user", "usename name, usesysid oid, usecreatedb boolean, usesuper boolean,"
          + " userepl boolean, usebypassrls boolean, passwd text,"
          + " valuntil timestamp with time zone, useconfig text[]"),
      Map.entry("pg_authid", "oid oid, rolname name, rolsuper boolean, rolinherit boolean,"
          + " rolcreaterole boolean, rolcreatedb boolean, rolcanlogin boolean,"
          + " rolreplication boolean, rolbypassrls boolean, rolconnlimit integer,"
          + " rolpassword text, rolvaliduntil timestamp with time zone"),
      Map.entry("pg_auth_members", "roleid oid, member oid, grantor oid, admin_option boolean"),
      Map.entry("pg_proc", "oid oid, proname name, pronamespace oid, proowner oid, prolang oid,"
          + " procost real, prorows real, provariadic oid, prosupport regproc, prokind \"char\","
          + " prosecdef boolean, proleakproof boolean, proisstrict boolean, proretset boolean,"
          + " provolatile \"char\", proparallel \"char\", pronargs smallint,"
          + " pronargdefaults smallint, prorettype oid, proargtypes oidvector,"
          + " proallargtypes oid[], proargmodes \"char\"[], proargnames text[],"
          + " proargdefaults pg_node_tree, protrftypes oid[], prosrc text, probin text,"
          + " prosqlbody pg_node_tree, proconfig text[], proacl aclitem[]"),
      Map.entry("pg_collation", "oid oid, collname name, collnamespace oid, collowner oid,"
          + " collprovider \"char\", collisdeterministic boolean, collencoding integer,"
          + " collcollate text, collctype text, colliculocale text, collversion text"),
      Map.entry("pg_type", "oid oid, typname name, typnamespace oid, typowner oid,"
          + " typlen smallint, typbyval boolean, typtype \"char\", typcategory \"char\","
          + " typispreferred boolean, typisdefined boolean, typdelim \"char\", typrelid oid,"
          + " typsubscript regproc, typelem oid, typarray oid, typinput regproc,"
          + " typoutput regproc, typreceive regproc, typsend regproc, typmodin regproc,"
          + " typmodout regproc, typanalyze regproc, typalign \"char\", typstorage \"char\","
          + " typnotnull boolean, typbasetype oid, typtypmod integer, typndims integer,"
          + " typcollation oid, typdefaultbin pg_node_tree, typdefault text, typacl aclitem[]"),
      Map.entry("pg_indexes", "schemaname name, tablename name, indexname name,"
          + " tablespace name, indexdef text"),
      Map.entry("pg_tables", "schemaname name, tablename name, tableowner name,"
          + " tablespace name, hasindexes boolean, hasrules boolean, hastriggers boolean,"
          + " rowsecurity boolean"),
      Map.entry("pg_views", "schemaname name, viewname name, viewowner name, definition text"),
      Map.entry("pg_matviews", "schemaname name, matviewname name, matviewowner name,"
          + " tablespace name, hasindexes boolean, ispopulated boolean, definition text"),
      Map.entry("pg_sequence", "seqrelid oid, seqtypid oid, seqstart bigint,"
          + " seqincrement bigint, seqmax bigint, seqmin bigint, seqcache bigint,"
          + " seqcycle boolean"),
      Map.entry("pg_sequences", "schemaname name, sequencename name, sequenceowner name,"
          + " data_type regtype, start_value bigint, min_value bigint, max_value bigint,"
          + " increment_by bigint, cycle boolean, cache_size bigint, last_value bigint"),
      Map.entry("pg_depend", "classid oid, objid oid, objsubid integer, refclassid oid,"
          + " refobjid oid, refobjsubid integer, deptype \"char\""),
      Map.entry("pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl aclitem[],"
          + " spcoptions text[]"),
      Map.entry("pg_range", "rngtypid oid, rngsubtype oid, rngmultitypid oid,"
          + " rngcollation oid, rngsubopc oid, rngcanonical regproc, rngsubdiff regproc"),
      Map.entry("pg_enum", "oid oid, enumtypid oid, enumsortorder real, enumlabel name"),
      Map.entry("pg_inherits", "inhrelid oid, inhparent oid, inhseqno integer,"
          + " inhdetachpending boolean"),
      Map.entry("pg_policy", "oid oid, polname name, polrelid oid, polcmd \"char\","
          + " polpermissive boolean, polroles oid[], polqual pg_node_tree,"
          + " polwithcheck pg_node_tree"),
      Map.entry("pg_statistic_ext", "oid oid, stxrelid oid, stxname name, stxnamespace oid,"
          + " stxowner oid, stxstattarget integer, stxkeys int2vector, stxkind \"char\"[],"
          + " stxexprs pg_node_tree"),
      Map.entry("pg_publication", "oid oid, pubname name, pubowner oid, puballtables boolean,"
          + " pubinsert boolean, pubupdate boolean, pubdelete boolean, pubtruncate boolean,"
          + " pubviaroot boolean"),
      Map.entry("pg_publication_rel", "oid oid, prpubid oid, prrelid oid,"
          + " prqual pg_node_tree, prattrs int2vector"),
      Map.entry("pg_publication_namespace", "oid oid, pnpubid oid, pnnspid oid"),
      Map.entry("pg_trigger", "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid,"
          + " tgtype smallint, tgenabled \"char\", tgisinternal boolean, tgconstrrelid oid,"
          + " tgconstrindid oid, tgconstraint oid, tgdeferrable boolean,"
          + " tginitdeferred boolean, tgnargs smallint, tgattr int2vector, tgargs bytea,"
          + " tgqual pg_node_tree, tgoldtable name, tgnewtable name"),
      Map.entry("pg_rewrite", "oid oid, rulename name, ev_class oid, ev_type \"char\","
          + " ev_enabled \"char\", is_instead boolean, ev_qual pg_node_tree,"
          + " ev_action pg_node_tree"),
      Map.entry("pg_partitioned_table", "partrelid oid, partstrat \"char\","
          + " partnatts smallint, partdefid oid, partattrs int2vector, partclass oidvector,"
          + " partcollation oidvector, partexprs pg_node_tree"),
      Map.entry("pg_foreign_table", "ftrelid oid, ftserver oid, ftoptions text[]"),
      Map.entry("pg_foreign_data_wrapper", "oid oid, fdwname name, fdwowner oid,"
          + " fdwhandler oid, fdwvalidator oid, fdwacl aclitem[], fdwoptions text[]"),
      Map.entry("pg_foreign_server", "oid oid, srvname name, srvowner oid, srvfdw oid,"
          + " srvtype text, srvversion text, srvacl aclitem[], srvoptions text[]"),
      Map.entry("pg_event_trigger", "oid oid, evtname name, evtevent name, evtowner oid,"
          + " evtfoid oid, evtenabled \"char\", evttags text[]"),
      Map.entry("pg_cast", "oid oid, castsource oid, casttarget oid, castfunc oid,"
          + " castcontext \"char\", castmethod \"char\""),
      Map.entry("pg_language", "oid oid, lanname name, lanowner oid, lanispl boolean,"
          + " lanpltrusted boolean, lanplcallfoid oid, laninline oid, lanvalidator oid,"
          + " lanacl aclitem[]"),
      Map.entry("pg_stat_gssapi", "pid integer, gss_authenticated boolean, principal text,"
          + " encrypted boolean"));

  /** How each relation's rows are made; a relation not listed here is always empty. */
  private static final Map<String, Function<Columns, CatalogRows>> ROWS = Map.ofEntries(
      Map.entry("pg_namespace", PgCatalog::allNamespaces),
      Map.entry("pg_class", PgCatalog::classes),
      Map.entry("pg_attribute", PgCatalog::attributes),
      Map.entry("pg_attrdef", PgCatalog::attrdefs),
      Map.entry("pg_index", PgCatalog::indexes),
      Map.entry("pg_am", PgCatalog::accessMethods),
      Map.entry("pg_opclass", PgCatalog::opclasses),
      Map.entry("pg_constraint", PgCatalog::constraints),
      Map.entry("pg_description", PgCatalog::descriptions),
      Map.entry("pg_extension", PgCatalog::extensions),
      Map.entry("pg_database", PgCatalog::databases),
      Map.entry("pg_settings", PgCatalog::settings),
      Map.entry("pg_roles", PgCatalog::roles),
      Map.entry("pg_user", PgCatalog::users),
      Map.entry("pg_authid", PgCatalog::authids),
      Map.entry("pg_proc", PgCatalog::procs),
      Map.entry("pg_collation", PgCatalog::collations),
      Map.entry("pg_type", PgCatalog::types),
      Map.entry("pg_indexes", PgCatalog::indexViews),
      Map.entry("pg_tables", PgCatalog::tableViews),
      Map.entry("pg_sequence", PgCatalog::sequences),
      Map.entry("pg_sequences", PgCatalog::sequenceViews),
      Map.entry("pg_tablespace", PgCatalog::tablespaces),
      Map.entry("pg_depend", PgCatalog::depends),
      Map.entry("pg_language", PgCatalog::languages),
      Map.entry("pg_stat_gssapi", PgCatalog::gssapi));

  private PgCatalog() {}

  /** The pg_catalog relation of that name, or null. */
  public static CatalogTable table(String name) {
    String declaration = DECLARATIONS.get(name);
    if (declaration == null) {
      return null;
    }
    Columns columns = Columns.of(declaration);
    Function<Columns, CatalogRows> rows = ROWS.get(name);
    return new CatalogTable(name, columns.rowType(),
        rows == null ? session -> List.of() : rows.apply(columns));
  }

  private static CatalogRows namespaces(Columns c) {
    return session -> List.of(
        c.row().set("oid", Oids.PG_CATALOG).set("nspname", "pg_catalog")
            .set("nspowner", Oids.SUPERUSER).values(),
        c.row().set("oid", Oids.PG_TOAST).set("nspname", "pg_toast")
            .set("nspowner", Oids.SUPERUSER).values(),
        c.row().set("oid", Oids.PUBLIC).set("nspname", "public")
            .set("nspowner", Oids.DATABASE_OWNER).values(),
        c.row().set("oid", Oids.INFORMATION_SCHEMA).set("nspname", "information_schema")
            .set("nspowner", Oids.SUPERUSER).values());
  }

  /** The built-in schemas, then those CREATE SCHEMA made. */
  private static CatalogRows allNamespaces(Columns c) {
    CatalogRows builtIn = namespaces(c);
    return session -> {
      List<Object[]> rows = new ArrayList<>(builtIn.read(session));
      for (String schema : session.database().schemaNames()) {
        rows.add(c.row().set("oid", Oids.namespace(schema)).set("nspname", schema)
            .set("nspowner", Oids.SUPERUSER).values());
      }
      return rows;
    };
  }

  private static CatalogRows classes(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        boolean foreignKeys = hasForeignKeys(t, session);
        rows.add(relation(c, t.oid(), t.name(), 'r', Oids.HEAP, t.columns().size(), t.rowCount())
            .set("relnamespace", t.namespace()).set("relhasindex", !t.indexes().isEmpty())
            .set("relchecks", t.schema().constraints(TableConstraint.Kind.CHECK).size())
            .set("relhastriggers", foreignKeys).values());
        for (Index i : t.indexes()) {
          List<String> options = i.options();
          rows.add(relation(c, i.oid(), i.name(), 'i', i.am(), i.columns().size(), t.rowCount())
              .set("relnamespace", t.namespace())
              .set("reloptions", options.isEmpty() ? null : options.toArray()).values());
        }
        for (Column s : t.serialColumns()) {
          rows.add(relation(c, Oids.sequence(t.table(), s.spec().name()), t.sequenceName(s), 'S',
              0, 3, 1).set("relnamespace", t.namespace()).values());
        }
      }
      for (StandaloneSequences.Sequence s : StandaloneSequences.of(session.database())) {
        rows.add(relation(c, s.oid(), s.name(), 'S', 0, 3, 1).set("relnamespace", s.namespace())
            .values());
      }
      return rows;
    };
  }

  private static Columns.Row relation(Columns c, long oid, String name, char kind, long am,
      int natts, long tuples) {
    return c.row().set("oid", oid).set("relname", name).set("relnamespace", Oids.PUBLIC)
        .set("reltype", 0).set("reloftype", 0).set("relowner", Oids.SUPERUSER).set("relam", am)
        .set("relfilenode", oid).set("reltablespace", 0).set("relpages", 0)
        .set("reltuples", tuples).set("relallvisible", 0).set("reltoastrelid", 0)
        .set("relhasindex", false).set("relisshared", false).set("relpersistence", "p")
        .set("relkind", String.valueOf(kind)).set("relnatts", natts).set("relchecks", 0)
        .set("relhasrules", false).set("relhastriggers", false).set("relhassubclass", false)
        .set("relrowsecurity", false).set("relforcerowsecurity", false)
        .set("relispopulated", true).set("relreplident", kind == 'r' ? "d" : "n")
        .set("relispartition", false).set("relrewrite", 0).set("relfrozenxid", 0)
        .set("relminmxid", 0);
  }

  /** Whether the table has or is referenced by a FOREIGN KEY (PostgreSQL's triggers for them). */
  private static boolean hasForeignKeys(UserTable t, PgSession session) {
    if (!t.schema().constraints(TableConstraint.Kind.FOREIGN_KEY).isEmpty()) {
      return true;
    }
    for (String other : session.database().tableNames()) {
      var table = session.database().table(other);
      if (table.isPresent()) {
        for (TableConstraint fk : table.get().schema().constraints(TableConstraint.Kind.FOREIGN_KEY)) {
          if (fk.refTable().equals(t.table().name())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static CatalogRows attributes(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Column col : t.columns()) {
          rows.add(attribute(c, t.oid(), col, col.attnum())
              .set("attnotnull", col.spec().notNull() || t.schema().primaryKey().contains(col.spec().name()))
              .set("atthasdef", t.defaultExpression(col) != null)
              .set("attidentity", attidentity(col.spec())).values());
        }
        for (Index i : t.indexes()) {
          for (int k = 0; k < i.columns().size(); k++) {
            rows.add(attribute(c, i.oid(), i.columns().get(k), k + 1).values());
          }
        }
      }
      return rows;
    };
  }

  private static Columns.Row attribute(Columns c, long relid, Column col, int attnum) {
    TypeDescription type = col.type();
    return c.row().set("attrelid", relid).set("attname", col.spec().name())
        .set("atttypid", type.oid()).set("attstattarget", -1).set("attlen", type.typlen())
        .set("attnum", attnum).set("attndims", type.isArray() ? 1 : 0).set("attcacheoff", -1)
        .set("atttypmod", col.typmod()).set("attbyval", type.byValue())
        .set("attalign", String.valueOf(type.align()))
        .set("attstorage", String.valueOf(type.storage())).set("attcompression", "")
        .set("attnotnull", false).set("atthasdef", false).set("atthasmissing", false)
        .set("attidentity", "").set("attgenerated", "").set("attisdropped", false)
        .set("attislocal", true).set("attinhcount", 0).set("attcollation", type.collation());
  }

  /** pg_attribute.attidentity: 'a' (GENERATED ALWAYS), 'd' (BY DEFAULT) or empty. */
  static String attidentity(io.s3vector.storage.table.ColumnSpec column) {
    if (column.identity() == null) {
      return "";
    }
    return column.identity() == io.s3vector.storage.table.ColumnSpec.Identity.ALWAYS ? "a" : "d";
  }

  private static CatalogRows attrdefs(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Column col : t.columns()) {
          String expr = Relations.deparsed(t.defaultExpression(col), session);
          if (expr != null) {
            rows.add(c.row().set("oid", Oids.attrdef(t.table(), col.spec().name()))
                .set("adrelid", t.oid()).set("adnum", col.attnum()).set("adbin", expr).values());
          }
        }
      }
      return rows;
    };
  }

  private static CatalogRows indexes(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Index i : t.indexes()) {
          List<Integer> keys = new ArrayList<>();
          List<Long> collations = new ArrayList<>();
          List<Integer> options = new ArrayList<>();
          for (int k = 0; k < i.columns().size(); k++) {
            Column col = i.columns().get(k);
            keys.add(col.attnum());
            collations.add((long) col.type().collation());
            options.add(i.sortOptions().get(k));
          }
          rows.add(c.row().set("indexrelid", i.oid()).set("indrelid", t.oid())
              .set("indnatts", keys.size()).set("indnkeyatts", keys.size())
              .set("indisunique", i.unique()).set("indnullsnotdistinct", i.nullsNotDistinct())
              .set("indisprimary", i.primary()).set("indisexclusion", false)
              .set("indimmediate", true).set("indisclustered", false).set("indisvalid", true)
              .set("indcheckxmin", false).set("indisready", true).set("indislive", true)
              .set("indisreplident", false).set("indkey", keys).set("indcollation", collations)
              .set("indclass", i.opclasses()).set("indoption", options).values());
        }
      }
      return rows;
    };
  }

  private static CatalogRows accessMethods(Columns c) {
    List<Object[]> rows = new ArrayList<>();
    for (AccessMethods.AccessMethod m : AccessMethods.ALL) {
      rows.add(am(c, m.oid(), m.name(), m.handler(), m.table() ? "t" : "i"));
    }
    return session -> rows;
  }

  private static Object[] am(Columns c, long oid, String name, String handler, String type) {
    Long handlerOid = CatalogProcs.oidOf(handler);
    return c.row().set("oid", oid).set("amname", name)
        .set("amhandler", handlerOid == null ? 0L : handlerOid).set("amtype", type).values();
  }

  private static CatalogRows opclasses(Columns c) {
    List<Object[]> rows = new ArrayList<>();
    for (OpClasses.OpClass o : OpClasses.all()) {
      rows.add(c.row().set("oid", o.oid()).set("opcmethod", o.method()).set("opcname", o.name())
          .set("opcnamespace", o.namespace()).set("opcowner", Oids.SUPERUSER)
          .set("opcfamily", o.family()).set("opcintype", o.inputType())
          .set("opcdefault", o.isDefault()).set("opckeytype", o.keyType()).values());
    }
    return session -> rows;
  }

  private static CatalogRows constraints(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      List<UserTable> tables = UserTables.of(session.database());
      for (UserTable t : tables) {
        for (TableConstraint k : t.schema().constraints()) {
          Columns.Row row = c.row().set("oid", Oids.constraint(t.table(), k.name()))
              .set("conname", k.name()).set("connamespace", t.namespace())
              .set("contype", String.valueOf(k.kind().contype())).set("condeferrable", false)
              .set("condeferred", false).set("convalidated", true).set("conrelid", t.oid())
              .set("contypid", 0).set("conindid", 0).set("conparentid", 0).set("confrelid", 0)
              .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ")
              .set("conislocal", true).set("coninhcount", 0).set("connoinherit", false)
              .set("conkey", attnums(t, k.columns()));
          switch (k.kind()) {
            case PRIMARY_KEY, UNIQUE -> {
              Index index = t.indexOf(k);
              row.set("conindid", index == null ? 0L : index.oid());
            }
            case CHECK -> row.set("conbin", k.checkSql());
            case FOREIGN_KEY -> {
              UserTable ref = find(tables, k.refTable());
              if (ref != null) {
                row.set("confrelid", ref.oid()).set("confkey", attnums(ref, k.refColumns()));
                for (Index i : ref.indexes()) {
                  if (i.constraint() != null && i.constraint().columns().equals(k.refColumns())) {
                    row.set("conindid", i.oid());
                  }
                }
              }
              row.set("confupdtype", String.valueOf(k.onUpdate().code()))
                  .set("confdeltype", String.valueOf(k.onDelete().code()))
                  .set("confmatchtype", k.matchFull() ? "f" : "s");
            }
            default -> { }
          }
          rows.add(row.values());
        }
        if (t.schema().constraint(t.name() + "_pkey") == null && !t.schema().primaryKey().isEmpty()
            && t.schema().constraints(TableConstraint.Kind.PRIMARY_KEY).isEmpty()) {
          // A primary key kept without its constraint (a schema made before they were kept).
          for (Index i : t.indexes()) {
            if (i.primary()) {
              rows.add(c.row().set("oid", Oids.constraint(t.table(), i.name()))
                  .set("conname", i.name()).set("connamespace", t.namespace()).set("contype", "p")
                  .set("condeferrable", false).set("condeferred", false)
                  .set("convalidated", true).set("conrelid", t.oid()).set("contypid", 0)
                  .set("conindid", i.oid()).set("conparentid", 0).set("confrelid", 0)
                  .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ")
                  .set("conislocal", true).set("coninhcount", 0).set("connoinherit", true)
                  .set("conkey", attnums(t, t.schema().primaryKey())).values());
            }
          }
        }
      }
      return rows;
    };
  }

  /** The table of this storage name, or null. */
  static UserTable find(List<UserTable> tables, String name) {
    for (UserTable t : tables) {
      if (t.table().name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  private static List<Integer> attnums(UserTable t, List<String> columns) {
    List<Integer> out = new ArrayList<>();
    for (String col : columns) {
      out.add(t.schema().indexOf(col) + 1);
    }
    return out;
  }

  private static CatalogRows descriptions(Columns c) {
    List<Object[]> rows = List.of(
        c.row().set("objoid", Oids.PG_CATALOG).set("classoid", Oids.PG_NAMESPACE)
            .set("objsubid", 0).set("description", "system catalog schema").values(),
        c.row().set("objoid", Oids.PG_TOAST).set("classoid", Oids.PG_NAMESPACE)
            .set("objsubid", 0).set("description", "reserved schema for TOAST tables").values(),
        c.row().set("objoid", Oids.PUBLIC).set("classoid", Oids.PG_NAMESPACE)
            .set("objsubid", 0).set("description", "standard public schema").values(),
        c.row().set("objoid", Oids.PLPGSQL_EXTENSION).set("classoid", Oids.PG_EXTENSION)
            .set("objsubid", 0).set("description", InstalledExtensions.PLPGSQL.comment()).values(),
        c.row().set("objoid", Oids.VECTOR_EXTENSION).set("classoid", Oids.PG_EXTENSION)
            .set("objsubid", 0).set("description", InstalledExtensions.VECTOR.comment()).values());
    return session -> {
      List<Object[]> all = new ArrayList<>(rows);
      for (UserTable t : UserTables.of(session.database())) {
        if (t.schema().comment() != null) {
          all.add(c.row().set("objoid", t.oid()).set("classoid", Oids.PG_CLASS)
              .set("objsubid", 0).set("description", t.schema().comment()).values());
        }
        for (Column col : t.columns()) {
          String comment = t.schema().comment(col.spec().name());
          if (comment != null) {
            all.add(c.row().set("objoid", t.oid()).set("classoid", Oids.PG_CLASS)
                .set("objsubid", col.attnum()).set("description", comment).values());
          }
        }
      }
      return all;
    };
  }

  private static CatalogRows extensions(Columns c) {
    List<Object[]> rows = List.of(
        c.row().set("oid", Oids.PLPGSQL_EXTENSION).set("extname", "plpgsql")
            .set("extowner", Oids.SUPERUSER).set("extnamespace", Oids.PG_CATALOG)
            .set("extrelocatable", false).set("extversion", "1.0").values(),
        c.row().set("oid", Oids.VECTOR_EXTENSION).set("extname", "vector")
            .set("extowner", Oids.SUPERUSER).set("extnamespace", Oids.PUBLIC)
            .set("extrelocatable", true).set("extversion", VECTOR_VERSION).values());
    return session -> rows;
  }

  /** pg_extension.extversion: the pgvector release our golden files were taken from. */
  public static final String VECTOR_VERSION = "0.8.6";

  /**
   * The session's database (we serve one database under any name) and the two templates every
   * PostgreSQL cluster has, as initdb makes them: UTF8 and the C.UTF-8 locale.
   */
  private static CatalogRows databases(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      rows.add(database(c, 5, session.databaseName(), false, true, null));
      if (!session.databaseName().equals("template1")) {
        rows.add(database(c, 1, "template1", true, true, new Object[] {"=c/postgres",
            "postgres=CTc/postgres"}));
      }
      if (!session.databaseName().equals("template0")) {
        rows.add(database(c, 4, "template0", true, false, new Object[] {"=c/postgres",
            "postgres=CTc/postgres"}));
      }
      return rows;
    };
  }

  private static Object[] database(Columns c, long oid, String name, boolean template,
      boolean allowConnections, Object[] acl) {
    return c.row().set("oid", oid).set("datname", name).set("datdba", Oids.SUPERUSER)
        .set("encoding", 6).set("datlocprovider", "c").set("datistemplate", template)
        .set("datallowconn", allowConnections).set("datconnlimit", -1).set("datfrozenxid", 0)
        .set("datminmxid", 1).set("dattablespace", Oids.PG_DEFAULT_TABLESPACE)
        .set("datcollate", "C.UTF-8").set("datctype", "C.UTF-8").set("datacl", acl).values();
  }

  /**
   * Read-only server constants clients read from pg_settings that a session has no setting for
   * (pgjdbc's getMaxIndexKeys reads max_index_keys), with PostgreSQL's values.
   */
  private static final List<String[]> SERVER_CONSTANTS = List.of(
      new String[] {"block_size", "8192", "Shows the size of a disk block."},
      new String[] {"lc_collate", "C.UTF-8", "Shows the collation order locale."},
      new String[] {"lc_ctype", "C.UTF-8", "Shows the character classification and case conversion locale."},
      new String[] {"max_function_args", "100", "Shows the maximum number of function arguments."},
      new String[] {"max_index_keys", "32", "Shows the maximum number of index keys."});

  private static CatalogRows settings(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      List<String[]> all = new ArrayList<>(session.settings().all());
      for (String[] constant : SERVER_CONSTANTS) {
        if (session.settings().get(constant[0]) == null) {
          all.add(constant);
        }
      }
      all.sort((x, y) -> x[0].compareToIgnoreCase(y[0]));
      for (String[] s : all) {
        rows.add(c.row().set("name", s[0]).set("setting", s[1]).set("category", "")
            .set("short_desc", s[2]).set("context", "user").set("vartype", "string")
            .set("source", "default").set("boot_val", s[1]).set("reset_val", s[1])
            .set("pending_restart", false).values());
      }
      return rows;
    };
  }

  /**
   * The roles: the bootstrap superuser (OID 10) under the session's user name (we keep no roles:
   * whoever connects is the superuser), and pg_database_owner, the owner of schema public.
   */
  private static CatalogRows roles(Columns c) {
    return session -> List.of(
        c.row().set("rolname", session.user()).set("rolsuper", true).set("rolinherit", true)
            .set("rolcreaterole", true).set("rolcreatedb", true).set("rolcanlogin", true)
            .set("rolreplication", true).set("rolconnlimit", -1).set("rolpassword", "********")
            .set("rolbypassrls", true).set("oid", Oids.SUPERUSER).values(),
        c.row().set("rolname", "pg_database_owner").set("rolsuper", false)
            .set("rolinherit", true).set("rolcreaterole", false).set("rolcreatedb", false)
            .set("rolcanlogin", false).set("rolreplication", false).set("rolconnlimit", -1)
            .set("rolpassword", "********").set("rolbypassrls", false)
            .set("oid", Oids.DATABASE_OWNER).values());
  }

  private static CatalogRows users(Columns c) {
    return session -> List.<Object[]>of(c.row().set("usename", session.user())
        .set("usesysid", Oids.SUPERUSER).set("usecreatedb", true).set("usesuper", true)
        .set("userepl", true).set("usebypassrls", true).set("passwd", "********").values());
  }

  private static CatalogRows authids(Columns c) {
    return session -> List.<Object[]>of(c.row().set("oid", Oids.SUPERUSER)
        .set("rolname", session.user()).set("rolsuper", true).set("rolinherit", true)
        .set("rolcreaterole", true).set("rolcreatedb", true).set("rolcanlogin", true)
        .set("rolreplication", true).set("rolbypassrls", true).set("rolconnlimit", -1).values());
  }

  private static CatalogRows procs(Columns c) {
    List<Object[]> rows = new ArrayList<>();
    for (CatalogProcs.Proc p : CatalogProcs.all()) {
      rows.add(c.row().set("oid", p.oid()).set("proname", p.name())
          .set("pronamespace", p.namespace()).set("proowner", Oids.SUPERUSER)
          .set("prolang", p.language()).set("procost", 1).set("prorows", p.returnsSet() ? 1000 : 0)
          .set("provariadic", 0).set("prosupport", 0).set("prokind", p.kind())
          .set("prosecdef", false).set("proleakproof", false).set("proisstrict", p.strict())
          .set("proretset", p.returnsSet()).set("provolatile", p.volatility())
          .set("proparallel", "s").set("pronargs", p.argTypes().size()).set("pronargdefaults", 0)
          .set("prorettype", p.returnType()).set("proargtypes", p.argTypes())
          .set("prosrc", p.name()).values());
    }
    return session -> rows;
  }

  private static CatalogRows collations(Columns c) {
    List<Object[]> rows = List.of(
        collation(c, Oids.DEFAULT_COLLATION, "default", "d", null),
        collation(c, Oids.C_COLLATION, "C", "c", "C"),
        collation(c, 951, "POSIX", "c", "POSIX"));
    return session -> rows;
  }

  private static Object[] collation(Columns c, long oid, String name, String provider,
      String locale) {
    return c.row().set("oid", oid).set("collname", name).set("collnamespace", Oids.PG_CATALOG)
        .set("collowner", Oids.SUPERUSER).set("collprovider", provider)
        .set("collisdeterministic", true).set("collencoding", -1).set("collcollate", locale)
        .set("collctype", locale).values();
  }

  private static CatalogRows types(Columns c) {
    List<Object[]> rows = new ArrayList<>();
    for (TypeDescription t : CatalogTypes.all()) {
      rows.add(c.row().set("oid", t.oid()).set("typname", t.name())
          .set("typnamespace", t.namespace()).set("typowner", Oids.SUPERUSER)
          .set("typlen", t.typlen()).set("typbyval", t.byValue())
          .set("typtype", String.valueOf(t.typtype()))
          .set("typcategory", String.valueOf(t.category())).set("typispreferred", t.preferred())
          .set("typisdefined", true).set("typdelim", String.valueOf(t.delimiter()))
          .set("typrelid", 0).set("typsubscript", proc(t.isArray() ? "array_subscript_handler" : "-"))
          .set("typelem", t.elem()).set("typarray", t.array()).set("typinput", proc(t.input()))
          .set("typoutput", proc(t.output())).set("typreceive", proc(t.receive()))
          .set("typsend", proc(t.send())).set("typmodin", proc(t.modIn()))
          .set("typmodout", proc(t.modOut())).set("typanalyze", 0L)
          .set("typalign", String.valueOf(t.align()))
          .set("typstorage", String.valueOf(t.storage())).set("typnotnull", false)
          .set("typbasetype", 0).set("typtypmod", -1).set("typndims", 0)
          .set("typcollation", t.collation()).values());
    }
    return session -> rows;
  }

  /** A regproc column's value: the function's OID, 0 for "-" (none). */
  private static long proc(String name) {
    Long oid = "-".equals(name) ? null : CatalogProcs.oidOf(name);
    return oid == null ? 0L : oid;
  }

  private static CatalogRows indexViews(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Index i : t.indexes()) {
          rows.add(c.row().set("schemaname", t.schemaName()).set("tablename", t.name())
              .set("indexname", i.name()).set("indexdef", IndexDefs.definition(t, i)).values());
        }
      }
      return rows;
    };
  }

  private static CatalogRows tableViews(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        rows.add(c.row().set("schemaname", t.schemaName()).set("tablename", t.name())
            .set("tableowner", session.user()).set("hasindexes", !t.indexes().isEmpty())
            .set("hasrules", false).set("hastriggers", hasForeignKeys(t, session))
            .set("rowsecurity", false).values());
      }
      return rows;
    };
  }

  private static CatalogRows sequences(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Column s : t.serialColumns()) {
          SerialOptions o = s.spec().serialOptions();
          rows.add(c.row().set("seqrelid", Oids.sequence(t.table(), s.spec().name()))
              .set("seqtypid", s.type().oid()).set("seqstart", o.start())
              .set("seqincrement", o.increment())
              .set("seqmax", o.max()).set("seqmin", o.min()).set("seqcache", o.cache())
              .set("seqcycle", o.cycle()).values());
        }
      }
      for (StandaloneSequences.Sequence s : StandaloneSequences.of(session.database())) {
        SequenceSpec spec = s.spec();
        rows.add(c.row().set("seqrelid", s.oid()).set("seqtypid", s.typeOid())
            .set("seqstart", spec.start()).set("seqincrement", spec.increment())
            .set("seqmax", spec.max()).set("seqmin", spec.min()).set("seqcache", spec.cache())
            .set("seqcycle", spec.cycle()).values());
      }
      return rows;
    };
  }

  private static CatalogRows sequenceViews(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      for (UserTable t : UserTables.of(session.database())) {
        for (Column s : t.serialColumns()) {
          SerialOptions o = s.spec().serialOptions();
          rows.add(c.row().set("schemaname", t.schemaName()).set("sequencename", t.sequenceName(s))
              .set("sequenceowner", session.user()).set("data_type", s.type().oid())
              .set("start_value", o.start()).set("min_value", o.min())
              .set("max_value", o.max()).set("increment_by", o.increment())
              .set("cycle", o.cycle()).set("cache_size", o.cache()).values());
        }
      }
      for (StandaloneSequences.Sequence s : StandaloneSequences.of(session.database())) {
        SequenceSpec spec = s.spec();
        rows.add(c.row().set("schemaname", s.schemaName()).set("sequencename", s.name())
            .set("sequenceowner", session.user()).set("data_type", s.typeOid())
            .set("start_value", spec.start()).set("min_value", spec.min())
            .set("max_value", spec.max()).set("increment_by", spec.increment())
            .set("cycle", spec.cycle()).set("cache_size", spec.cache())
            .set("last_value", s.lastValue()).values());
      }
      return rows;
    };
  }

  /**
   * The dependencies clients read: a sequence on the column it numbers (a serial column's,
   * deptype {@code a}; an identity column's, {@code i}; one of CREATE SEQUENCE OWNED BY a column,
   * {@code a}), which psql's "Owned by" and Alembic's serial detection look for.
   */
  private static CatalogRows depends(Columns c) {
    return session -> {
      List<Object[]> rows = new ArrayList<>();
      List<UserTable> tables = UserTables.of(session.database());
      for (UserTable t : tables) {
        for (Column s : t.serialColumns()) {
          rows.add(dependency(c, Oids.sequence(t.table(), s.spec().name()), t.oid(), s.attnum(),
              s.spec().identity() != null ? "i" : "a"));
        }
      }
      for (StandaloneSequences.Sequence s : StandaloneSequences.of(session.database())) {
        for (UserTable t : tables) {
          Column owner = s.spec().isOwnedBy(t.table().name()) ? t.column(s.spec().ownedColumn()) : null;
          if (owner != null) {
            rows.add(dependency(c, s.oid(), t.oid(), owner.attnum(), "a"));
          }
        }
      }
      return rows;
    };
  }

  private static Object[] dependency(Columns c, long objid, long refobjid, int refobjsubid,
      String deptype) {
    return c.row().set("classid", Oids.PG_CLASS).set("objid", objid).set("objsubid", 0)
        .set("refclassid", Oids.PG_CLASS).set("refobjid", refobjid)
        .set("refobjsubid", refobjsubid).set("deptype", deptype).values();
  }

  private static CatalogRows tablespaces(Columns c) {
    List<Object[]> rows = List.of(
        c.row().set("oid", Oids.PG_DEFAULT_TABLESPACE).set("spcname", "pg_default")
            .set("spcowner", Oids.SUPERUSER).values(),
        c.row().set("oid", 1664).set("spcname", "pg_global").set("spcowner", Oids.SUPERUSER)
            .values());
    return session -> rows;
  }

  private static CatalogRows languages(Columns c) {
    List<Object[]> rows = List.of(
        language(c, 12, "internal", false),
        language(c, 13, "c", false),
        language(c, 14, "sql", true),
        language(c, 13560, "plpgsql", true));
    return session -> rows;
  }

  private static Object[] language(Columns c, long oid, String name, boolean trusted) {
    return c.row().set("oid", oid).set("lanname", name).set("lanowner", Oids.SUPERUSER)
        .set("lanispl", oid > 14).set("lanpltrusted", trusted).set("lanplcallfoid", 0)
        .set("laninline", 0).set("lanvalidator", 0).values();
  }

  /** Our connections use no GSSAPI: one row per backend would say so; we show this one's. */
  private static CatalogRows gssapi(Columns c) {
    return session -> List.<Object[]>of(c.row().set("pid", session.processId())
        .set("gss_authenticated", false).set("encrypted", false).values());
  }
}
