import { type Kysely, sql } from "kysely";

/**
 * The meeting cycle (issue 10): meetings, their issued briefing packs (frozen as JSON), the
 * scrutiny officer's assurance grades, drafted and asked questions, and the action log with its
 * history. Ids are text (random), so SQLite and PostgreSQL create them the same way.
 * Never edit a migration once it has landed: add a new one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('performance scrutiny', 'joint performance and resources')`))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("papers_due", "text", (c) => c.notNull())
    .addColumn("force_code", "text", (c) => c.notNull().references("areas.code"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_date").on("meetings").column("date").execute();

  // One issued pack per meeting: the items, cover and changes exactly as issued.
  await db.schema
    .createTable("meeting_packs")
    .addColumn("meeting_id", "text", (c) => c.primaryKey().references("meetings.id"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();

  // The officer's judgement on one exception of one meeting's pack; carried into the next pack.
  await db.schema
    .createTable("assurance_grades")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("grade", "text", (c) => c.notNull().check(sql`grade in ('assured', 'partly assured', 'not assured')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("graded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assurance_grades_pk", ["meeting_id", "item_key"])
    .execute();

  await db.schema
    .createTable("questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("indicator_id", "text", (c) => c.references("indicators.id"))
    .addColumn("item_key", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("origin", "text", (c) => c.notNull().check(sql`origin in ('drafted', 'added')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'accepted', 'dismissed', 'sent', 'answered')`))
    .addColumn("sent_on", "text")
    .addColumn("answer_due", "text")
    .addColumn("answer", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("questions_meeting").on("questions").column("meeting_id").execute();

  // The action log: "89/14" is number 89 of 2014; the pair is unique, so two people raising an
  // action at once cannot get the same reference (the loser's insert fails and is retried).
  await db.schema
    .createTable("actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'complete', 'carried forward', 'closed')`))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("indicator_id", "text", (c) => c.references("indicators.id"))
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("actions_year_number", ["year", "number"])
    .execute();
  await db.schema
    .createTable("action_events")
    .addColumn("action_id", "text", (c) => c.notNull().references("actions.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("meeting_id", "text")
    .addPrimaryKeyConstraint("action_events_pk", ["action_id", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["action_events", "actions", "questions", "assurance_grades", "meeting_packs", "meetings"]) await db.schema.dropTable(table).execute();
}
