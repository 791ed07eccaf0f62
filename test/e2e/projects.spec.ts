import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible } from './helpers';

async function signIn(page: Page, email: string) {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Parole', exact: true }).fill('ziema pie jūras 2026');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sveicināti');
}

async function fillTags(input: Locator, values: string[]) {
  for (const value of values) {
    await input.fill(value);
    await input.press('Enter');
  }
}

test('a project manager enters the Bauska–Valmiera project; a finance officer sees the Riga budget inconsistency', async ({
  page,
}) => {
  await signIn(page, 'projekti@example.org');
  await page.getByRole('link', { name: 'Projekti', exact: true }).click();
  await page.getByRole('link', { name: 'Jauns projekts' }).click();
  const text = (name: string) => page.getByRole('textbox', { name, exact: true });
  await text('Projekta numurs').fill('2012.EEZ/PP/1/MAC/150/008');
  await text('Nosaukums latviski').fill(
    'Atbalsta pasākumu attīstība sociālās atstumtības riskam pakļauto ģimeņu ar bērniem iekļaušanai sabiedrībā',
  );
  await text('Nosaukums angliski').fill(
    'The development of supporting measures to include families with children who are at risk of social exclusion',
  );
  await text('Sākums').fill('01.11.2013');
  await page.keyboard.press('Tab');
  await text('Beigas').fill('31.07.2015');
  await page.keyboard.press('Tab');
  await fillTags(page.getByRole('combobox', { name: 'Vietas' }), ['Bauskas novads', 'Valmiera']);
  await page.getByRole('button', { name: 'Pievienot finansētāju' }).click();
  const funder = page.getByRole('group', { name: 'Finansētājs 1' });
  await funder.getByRole('textbox', { name: 'Finansētājs', exact: true }).fill('EEZ finanšu instruments');
  await funder.getByRole('textbox', { name: 'Finansēšanas programma' }).fill('NVO fonds');
  await fillTags(funder.getByRole('combobox', { name: 'Donorvalstis' }), [
    'Islande',
    'Lihtenšteina',
    'Norvēģija',
  ]);
  await page.getByRole('button', { name: 'Pievienot partneri' }).click();
  await text('Partneris 1').fill('Norvēģijas SOS Bērnu ciemati');
  await page.getByRole('button', { name: 'Pievienot partneri' }).click();
  await text('Partneris 2').fill('Bauskas novada Sociālais dienests');
  await page.getByRole('button', { name: 'Pievienot mērķi' }).click();
  await page.getByRole('textbox', { name: 'Plānots' }).first().fill('116');
  await page.getByRole('button', { name: 'Pievienot mērķi' }).click();
  await page.getByRole('combobox', { name: 'Rādītājs 2' }).click();
  await page.getByRole('option', { name: 'Bērni šajās ģimenēs', exact: true }).click();
  await page.getByRole('textbox', { name: 'Plānots' }).nth(1).fill('250');
  await expectAccessible(page, 'project form');
  await page.getByRole('button', { name: 'Saglabāt' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Atbalsta pasākumu attīstība');
  await expect(page.getByText('01.11.2013 – 31.07.2015 · plānots · Bauskas novads, Valmiera')).toBeVisible();
  await expect(
    page.getByText('EEZ finanšu instruments, NVO fonds (Islande, Lihtenšteina, Norvēģija)'),
  ).toBeVisible();
  await expect(page.getByText('Bauskas novada Sociālais dienests')).toBeVisible();
  await expect(page.getByRole('row', { name: /Ģimenes, kas saņēmušas atbalstu.*116/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Bērni šajās ģimenēs.*250/ })).toBeVisible();
  await expectAccessible(page, 'project page');

  // The Riga project, to which the finance officer adds the money.
  await page.getByRole('link', { name: 'Projekti', exact: true }).click();
  await page.getByRole('link', { name: 'Jauns projekts' }).click();
  await text('Projekta numurs').fill('SOS-RKC-2017');
  await text('Nosaukums latviski').fill(
    'SOS Resursu un kompetences centra prakse uz bērnu vērstas pieejas ieviešana Latvijā',
  );
  await text('Sākums').fill('01.01.2017');
  await page.keyboard.press('Tab');
  await text('Beigas').fill('31.12.2018');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: 'Saglabāt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('SOS Resursu un kompetences centra');
  await page.getByRole('button', { name: 'Iziet' }).click();

  await signIn(page, 'finanses@example.org');
  await page.getByRole('link', { name: 'Projekti', exact: true }).click();
  await page.getByRole('link', { name: 'SOS-RKC-2017' }).click();
  await page.getByRole('button', { name: 'Labot budžetu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labot budžetu' });
  await dialog.getByRole('textbox', { name: 'Publicētā kopsumma, €' }).fill('898500');
  await dialog.getByRole('button', { name: 'Pievienot avotu' }).click();
  await dialog.getByRole('combobox', { name: 'Veids 1' }).click();
  await page.getByRole('option', { name: 'pašvaldības līdzfinansējums', exact: true }).click();
  await dialog
    .getByRole('textbox', { name: 'Nosaukums', exact: true })
    .first()
    .fill('Rīgas domes līdzfinansējums');
  await dialog.getByRole('textbox', { name: 'Summa, €', exact: true }).first().fill('434160');
  await dialog.getByRole('button', { name: 'Pievienot avotu' }).click();
  await dialog.getByRole('combobox', { name: 'Veids 2' }).click();
  await page.getByRole('option', { name: 'pašu līdzekļi', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Nosaukums', exact: true }).nth(1).fill('Biedrības līdzekļi');
  await dialog.getByRole('textbox', { name: 'Summa, €', exact: true }).nth(1).fill('464360');
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Neatbilstības' });
  await expect(alert).toContainText(
    /Publicētā kopsumma 898\s500,00\s€ atšķiras no finansējuma avotu summas 898\s520,00\s€ par 20,00\s€\./,
  );
  await expect(page.getByText(/^434\s160,00\s€$/)).toBeVisible();
  await expectAccessible(page, 'budget');

  // The delegation contract behind the Riga work: 100 families at risk.
  await page.getByRole('link', { name: 'Līgumi', exact: true }).click();
  await page.getByRole('button', { name: 'Jauns līgums' }).click();
  const contract = page.getByRole('dialog', { name: 'Jauns līgums' });
  await contract.getByRole('textbox', { name: 'Līgumslēdzējs' }).fill('Rīgas domes Labklājības departaments');
  await contract.getByRole('textbox', { name: 'Numurs' }).fill('RD-2014/100');
  await contract.getByRole('textbox', { name: 'Sākums' }).fill('01.01.2014');
  await page.keyboard.press('Tab');
  await contract.getByRole('textbox', { name: 'Kvota, ģimenes' }).fill('100');
  await contract
    .getByRole('textbox', { name: 'Budžeta programma' })
    .fill('Sociālie pakalpojumi dzīvesvietā Rīgas pilsētas iedzīvotājiem');
  await contract.getByRole('button', { name: 'Izveidot' }).click();
  const row = page.getByRole('row', { name: /RD-2014\/100/ });
  await expect(row.getByRole('cell', { name: '100', exact: true })).toBeVisible();
  await expectAccessible(page, 'contracts');
});
