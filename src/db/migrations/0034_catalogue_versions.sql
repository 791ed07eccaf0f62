-- Programmes and partner institutions are edited at the version read, as every other record people edit
-- (issue 13's rule): a save from a screen opened before another's save is refused, naming who saved since.
ALTER TABLE programmes ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_by uuid REFERENCES users (id);
ALTER TABLE institutions ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN updated_by uuid REFERENCES users (id);
