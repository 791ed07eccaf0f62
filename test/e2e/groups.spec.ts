import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a support-group session for eight members is taken in one screen, two marked absent', async ({
  page,
}) => {
  await signIn(page, 'anda@example.org');

  // The group and its members are set up through the API, as the centre manager.
  const api = page.request;
  const me = await (await api.get('/api/auth/me')).json();
  const centreId = me.roles[0].centreId;
  const group = await (
    await api.post('/api/groups', {
      data: { name: 'Vecāku atbalsta grupa', centreId, facilitatorIds: [me.user.id] },
    })
  ).json();
  for (let i = 1; i <= 8; i++) {
    const registered = await api.post('/api/families', {
      data: {
        members: [
          {
            relation: 'mother',
            person: { givenName: `Dalībniece${i}`, familyName: 'Grupiņa', birthDate: `198${i}-05-05` },
          },
        ],
        case: { centreId, referralDate: '2026-01-10', referralSource: 'social_service' },
        confirmSimilar: true,
      },
    });
    expect(registered.status()).toBe(201);
    const { caseId } = await registered.json();
    const page_ = await (await api.get(`/api/cases/${caseId}`)).json();
    const added = await api.post(`/api/groups/${group.id}/members`, {
      data: { personId: page_.members[0].person.id, joinedOn: '2026-01-15' },
    });
    expect(added.status()).toBe(200);
  }

  await page.getByRole('link', { name: 'Atbalsta grupas' }).click();
  await page.getByRole('link', { name: 'Vecāku atbalsta grupa' }).click();
  await page.getByRole('button', { name: 'Jauna nodarbība' }).click();
  const dialog = page.getByRole('dialog', { name: 'Jauna nodarbība' });
  await expect(dialog.getByRole('radio', { name: 'piedalījās', exact: true })).toHaveCount(8);
  await dialog
    .getByRole('radiogroup', { name: 'Apmeklējums: Dalībniece1 Grupiņa' })
    .getByLabel('nepiedalījās', { exact: true })
    .check();
  await dialog
    .getByRole('radiogroup', { name: 'Apmeklējums: Dalībniece2 Grupiņa' })
    .getByLabel('attaisnoti nepiedalījās')
    .check();
  await expectAccessible(page, 'attendance grid');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByText('6 piedalījās, 2 nepiedalījās')).toBeVisible();
  await expect(
    page.getByText('Dalībniece1 Grupiņa (nepiedalījās), Dalībniece2 Grupiņa (attaisnoti nepiedalījās)'),
  ).toBeVisible();
});

test('a centre manager creates a group on the web and a specialist adds a member by searching', async ({
  page,
}) => {
  await signIn(page, 'anda@example.org');
  const me = await (await page.request.get('/api/auth/me')).json();
  const registered = await page.request.post('/api/families', {
    data: {
      members: [
        {
          relation: 'mother',
          person: { givenName: 'Vija', familyName: 'Grupniece', birthDate: '1985-08-08' },
        },
      ],
      case: { centreId: me.roles[0].centreId, referralDate: '2026-01-10', referralSource: 'social_service' },
      confirmSimilar: true,
    },
  });
  expect(registered.status()).toBe(201);

  await page.getByRole('link', { name: 'Atbalsta grupas' }).click();
  await page.getByRole('button', { name: 'Jauna grupa' }).click();
  const dialog = page.getByRole('dialog', { name: 'Jauna grupa' });
  await dialog.getByRole('textbox', { name: 'Grupas nosaukums' }).fill('Sieviešu atbalsta grupa');
  await dialog.getByRole('combobox', { name: 'Vadītāji' }).click();
  await page.getByRole('option', { name: /Liene/ }).click();
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'new group form');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sieviešu atbalsta grupa');

  await page.getByRole('button', { name: 'Pievienot dalībnieku' }).click();
  const add = page.getByRole('dialog', { name: 'Pievienot dalībnieku' });
  await add.getByRole('combobox', { name: 'Persona' }).fill('grupniec');
  await page.getByRole('option', { name: /^Grupniece Vija/ }).click();
  await add.getByRole('textbox', { name: 'Pievienojās' }).fill('01.02.2026');
  await page.keyboard.press('Tab');
  await add.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByRole('cell', { name: 'Vija Grupniece', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'kopš 01.02.2026' })).toBeVisible();
  await expectAccessible(page, 'group page');
});
