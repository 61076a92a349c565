import { sql, type Kysely } from 'kysely';

// Piece-rate pay and client billing. Everything here is append-only: a rate card is replaced by a
// newer card, a ledger mistake by a reversal and a new posting, a closed period never reopens.
// Project ids carry no foreign key (like `events`): deleting a project must not rewrite the books.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION pay_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;

    CREATE TABLE rate_cards (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      effective_from timestamptz NOT NULL,
      currency char(3) NOT NULL,
      card jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rate_cards_project_idx ON rate_cards (project_id, effective_from DESC, created_at DESC);

    -- One posting per unit of work; its key (e.g. attempt id + unit) makes a retry or a racing
    -- server's second posting a no-op (ON CONFLICT DO NOTHING).
    CREATE TABLE ledger_entries (
      id uuid PRIMARY KEY,
      key text NOT NULL UNIQUE,
      project_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('labour', 'inspection', 'revenue', 'machine', 'correction')),
      user_id uuid,
      task_id uuid,
      item_id uuid,
      attempt_id uuid,
      rate_card_id uuid,
      currency char(3) NOT NULL,
      amount_minor bigint NOT NULL,
      method text,
      detail jsonb NOT NULL DEFAULT '{}',
      reverses uuid REFERENCES ledger_entries,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX ledger_entries_project_idx ON ledger_entries (project_id, created_at);
    CREATE INDEX ledger_entries_user_idx ON ledger_entries (project_id, user_id, created_at);
    CREATE INDEX ledger_entries_item_idx ON ledger_entries (item_id);

    CREATE TABLE ledger_legs (
      entry_id uuid NOT NULL REFERENCES ledger_entries,
      account text NOT NULL CHECK (account IN ('labour_expense', 'payable', 'receivable', 'revenue', 'machine_expense', 'machine_payable')),
      user_id uuid,
      amount_minor bigint NOT NULL
    );
    CREATE INDEX ledger_legs_entry_idx ON ledger_legs (entry_id);

    -- Double entry: checked at commit, so an entry and its legs go in together.
    CREATE FUNCTION ledger_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE s bigint;
      BEGIN
        SELECT coalesce(sum(amount_minor), 0) INTO s FROM ledger_legs WHERE entry_id = NEW.entry_id;
        IF s <> 0 THEN RAISE EXCEPTION 'ledger entry % does not balance (legs sum to %)', NEW.entry_id, s; END IF;
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER ledger_legs_balanced AFTER INSERT ON ledger_legs
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_balanced();

    -- A period exists once it is closed; what it holds is listed, entry by entry, once.
    CREATE TABLE pay_periods (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      label text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      closed_by uuid,
      closed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, starts_at)
    );
    CREATE TABLE period_entries (
      period_id uuid NOT NULL REFERENCES pay_periods,
      entry_id uuid NOT NULL UNIQUE REFERENCES ledger_entries
    );
    CREATE INDEX period_entries_period_idx ON period_entries (period_id);
    CREATE TABLE statements (
      id uuid PRIMARY KEY,
      period_id uuid NOT NULL REFERENCES pay_periods,
      project_id uuid NOT NULL,
      user_id uuid NOT NULL,
      currency char(3) NOT NULL,
      total_minor bigint NOT NULL,
      units integer NOT NULL,
      lines jsonb NOT NULL,
      UNIQUE (period_id, user_id)
    );
    CREATE TABLE invoices (
      id uuid PRIMARY KEY,
      period_id uuid NOT NULL UNIQUE REFERENCES pay_periods,
      project_id uuid NOT NULL,
      currency char(3) NOT NULL,
      total_minor bigint NOT NULL,
      units integer NOT NULL,
      lines jsonb NOT NULL
    );
    CREATE INDEX invoices_project_idx ON invoices (project_id);
  `.execute(db);
  for (const table of ['rate_cards', 'ledger_entries', 'ledger_legs', 'pay_periods', 'period_entries', 'statements', 'invoices']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION pay_append_only()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS invoices, statements, period_entries, pay_periods, ledger_legs, ledger_entries, rate_cards;
    DROP FUNCTION IF EXISTS ledger_balanced(), pay_append_only();
  `.execute(db);
}
