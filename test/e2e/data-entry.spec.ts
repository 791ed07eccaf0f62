import { expect, test } from '@playwright/test';
import { expectAccessible, registerMother, signIn } from './helpers';

/*
 * Issue 17, the data-entry layer, as a user meets it in any dialog: Enter saves, a mistake is shown beside
 * its field before anything is sent and the focus goes there, the server's objection lands beside the field
 * it names, and a save says it was done.
 */
test('a dialog saves on Enter, shows what to fix beside the field with the focus on it, and says when it saved', async ({
  page,
}) => {
  await signIn(page, 'liene@example.org');
  const caseId = await registerMother(page, 'Dace', 'Rieksta');
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET') writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.goto(`/cases/${caseId}`);

  // A name emptied: told at once, beside the name, with the focus there; nothing is sent.
  await page.getByRole('button', { name: 'Labot: Dace Rieksta' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labot personas datus: Dace Rieksta' });
  const givenName = dialog.getByRole('textbox', { name: 'Vārds', exact: true });
  const familyName = dialog.getByRole('textbox', { name: 'Uzvārds' });
  await givenName.fill('');
  await familyName.press('Enter');
  await expect(givenName).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Obligāts lauks.')).toBeVisible();
  await expect(givenName).toBeFocused();
  await expectAccessible(page, 'a dialog with a field to fix');
  expect(writes).toEqual([]);

  // Fixed and saved with Enter: one request, a notice that it was saved, the dialog closed, the page current.
  await givenName.fill('Dace');
  await familyName.fill('Rieksta-Ozola');
  await familyName.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Personas dati saglabāti.' })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Dace Rieksta-Ozola', exact: true })).toBeVisible();
  expect(writes.filter((w) => w.startsWith('PATCH /api/persons/'))).toHaveLength(1);

  // The server's objection (a day still to come) beside the field it names, with the focus there.
  await page.getByRole('button', { name: 'Izstājās: Dace Rieksta-Ozola' }).click();
  const leave = page.getByRole('dialog', { name: 'Izstājās: Dace Rieksta-Ozola' });
  const leftOn = leave.getByRole('textbox', { name: 'Izstāšanās datums' });
  await leftOn.fill('01.01.2099');
  await leftOn.press('Enter');
  await expect(leave.getByText('Datums nevar būt nākotnē.')).toBeVisible();
  await expect(leftOn).toHaveAttribute('aria-invalid', 'true');
  await expect(leftOn).toBeFocused();
  await expectAccessible(page, "a dialog with the server's objection");
  expect(writes.filter((w) => w.endsWith('/leave'))).toHaveLength(1);
  await expect(page.getByRole('cell', { name: 'Dace Rieksta-Ozola', exact: true })).toBeVisible();
});

test('registering someone like a person on record asks once, and "they are other people" registers them', async ({
  page,
}) => {
  await signIn(page, 'liene@example.org');
  const centres = (await (await page.request.get('/api/centres')).json()) as { centres: { id: string }[] };
  const first = await page.request.post('/api/families', {
    data: {
      members: [
        {
          relation: 'mother',
          person: { givenName: 'Baiba', familyName: 'Kļaviņa', birthDate: '1985-05-05' },
        },
      ],
      case: { centreId: centres.centres[0]!.id, referralDate: '2026-02-01', referralSource: 'school' },
      confirmSimilar: true,
    },
  });
  expect(first.status()).toBe(201);
  const registrations: number[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/families')
      registrations.push(response.status());
  });

  await page.getByRole('link', { name: 'Reģistrēt ģimeni' }).click();
  await page.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Baiba');
  await page.getByRole('textbox', { name: 'Uzvārds' }).fill('Kļaviņa');
  await page.getByRole('textbox', { name: 'Dzimšanas datums' }).fill('05.05.1985');
  await page.getByRole('button', { name: 'Reģistrēt', exact: true }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'Tās ir citas personas' });
  await expect(warning).toBeVisible();
  // Said once, in the warning that offers the way on (not again at the top of the form).
  await expect(
    page.getByText(
      'Līdzīgas personas jau ir reģistrētas. Pārbaudiet un apstipriniet, ka tās ir citas personas.',
    ),
  ).toHaveCount(1);
  await expectAccessible(page, 'registration asking about a similar person');
  await warning.getByRole('button', { name: 'Tās ir citas personas — reģistrēt jaunas' }).click();
  await expect(page.getByRole('heading', { name: 'Kļaviņu ģimene', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Ģimene reģistrēta, lieta atvērta.' }),
  ).toBeVisible();
  expect(registrations).toEqual([409, 201]);
});
