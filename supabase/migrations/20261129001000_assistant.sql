-- Ask XeroPulse: conversations with the assistant, its usage record (the per-user rate limit) and
-- the organization's opt-in for a language model.
--
-- The assistant never writes SQL (DESIGN §12): it runs named metric queries as the user, under the
-- data tables' own policies. What lives here is only what a conversation needs to be kept, listed,
-- reopened and deleted, and it is private to the person who asked: RLS lets a user reach their own
-- conversations in organizations they are an active member of, nobody else's (not even an admin's).

-- The organization's opt-in: with AI_BASE_URL and AI_MODEL configured, questions (and the figures
-- the metrics return) are sent to that model only when an admin turned this on. Off by default.
alter table public.organizations
  add column assistant_model_enabled boolean not null default false;
grant update (assistant_model_enabled) on public.organizations to authenticated;

-- Conversations ---------------------------------------------------------------------------------------
create table public.assistant_conversations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  -- The first question, shortened: what the conversation list shows.
  title text not null check (char_length(title) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Target of the messages' composite foreign key: a message is in its conversation's organization
  -- and belongs to the conversation's owner.
  constraint assistant_conversations_owner_key unique (id, org_id, user_id)
);
-- The list: one user's conversations in one organization, most recent first.
create index assistant_conversations_user_org_idx on public.assistant_conversations (user_id, org_id, updated_at desc);
create index assistant_conversations_org_idx on public.assistant_conversations (org_id);

-- Messages: a question (role 'user') and its answer (role 'assistant', with the structured answer:
-- chart spec, table, definition, follow-ups, planner, and the plan a follow-up builds on).
create table public.assistant_messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null,
  org_id uuid not null,
  user_id uuid not null default auth.uid(),
  role text not null check (role in ('user', 'assistant')),
  content text not null check (char_length(content) <= 20000),
  answer jsonb check (answer is null or jsonb_typeof(answer) = 'object'),
  created_at timestamptz not null default now(),
  foreign key (conversation_id, org_id, user_id)
    references public.assistant_conversations (id, org_id, user_id) on delete cascade
);
create index assistant_messages_conversation_idx on public.assistant_messages (conversation_id, created_at);
create index assistant_messages_org_idx on public.assistant_messages (org_id);

-- Usage: one row per question asked, for the hourly limit (ASSISTANT_MAX_PER_HOUR). Kept apart from
-- the messages so deleting a conversation does not hand back its quota; a user may delete only their
-- own rows that are older than a day (no longer counted).
create table public.assistant_usage (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  asked_at timestamptz not null default now()
);
create index assistant_usage_user_asked_idx on public.assistant_usage (user_id, asked_at desc);
create index assistant_usage_org_idx on public.assistant_usage (org_id);

-- Row-level security ------------------------------------------------------------------------------
alter table public.assistant_conversations enable row level security;
alter table public.assistant_messages enable row level security;
alter table public.assistant_usage enable row level security;

create policy assistant_conversations_select on public.assistant_conversations for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy assistant_conversations_insert on public.assistant_conversations for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy assistant_conversations_update on public.assistant_conversations for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())))
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy assistant_conversations_delete on public.assistant_conversations for delete to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));

-- Messages are written once and never edited; they go with their conversation (the cascade).
create policy assistant_messages_select on public.assistant_messages for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy assistant_messages_insert on public.assistant_messages for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));

create policy assistant_usage_select on public.assistant_usage for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy assistant_usage_insert on public.assistant_usage for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy assistant_usage_delete on public.assistant_usage for delete to authenticated
  using (user_id = (select auth.uid()) and asked_at < now() - interval '1 day');

grant select, insert (id, org_id, title), update (title, updated_at), delete on public.assistant_conversations to authenticated;
grant select, insert (id, conversation_id, org_id, role, content, answer) on public.assistant_messages to authenticated;
grant select, insert (org_id), delete on public.assistant_usage to authenticated;
grant select, insert, update, delete on public.assistant_conversations, public.assistant_messages, public.assistant_usage to service_role;
