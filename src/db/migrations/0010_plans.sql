-- A family's plan on its case: goals, actions, reviews; approved by the centre's manager.

CREATE TABLE plans (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  next_review_on date,
  -- The manager's decision: who, when, and the comment when returned.
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_comment text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX plans_case ON plans (case_id);
CREATE INDEX plans_review_due ON plans (next_review_on) WHERE status = 'approved';

CREATE TABLE plan_goals (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plans (id),
  position integer NOT NULL,
  area text NOT NULL,
  description text NOT NULL,
  target_on date
);
CREATE INDEX plan_goals_plan ON plan_goals (plan_id, position);

CREATE TABLE plan_actions (
  id uuid PRIMARY KEY,
  goal_id uuid NOT NULL REFERENCES plan_goals (id),
  position integer NOT NULL,
  -- Who does it: a name or a role as the family agreed ("mother", "social worker").
  responsible text NOT NULL,
  description text NOT NULL,
  due_on date,
  status text NOT NULL CHECK (status IN ('open', 'done', 'dropped'))
);
CREATE INDEX plan_actions_goal ON plan_actions (goal_id, position);

CREATE TABLE plan_reviews (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plans (id),
  reviewed_on date NOT NULL,
  next_review_on date,
  notes text NOT NULL,
  reviewed_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX plan_reviews_plan ON plan_reviews (plan_id, reviewed_on);

CREATE TABLE plan_review_goals (
  review_id uuid NOT NULL REFERENCES plan_reviews (id),
  goal_id uuid NOT NULL REFERENCES plan_goals (id),
  progress text NOT NULL CHECK (progress IN ('not_started', 'in_progress', 'achieved', 'not_achieved')),
  comment text NOT NULL,
  PRIMARY KEY (review_id, goal_id)
);
