import { Center, Loader } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import type { MeResponse } from '../../shared/contracts/auth';
import { ChangePasswordForm } from '../features/account/change-password-form';
import { TwoStepPanel } from '../features/account/two-step-panel';
import { SetupPage } from '../features/auth/setup';
import { SessionExpiredDialog, SignInPage } from '../features/auth/sign-in';
import { useI18n } from '../i18n';
import { signOut, useMe } from '../session';
import { Layout } from './layout';

/**
 * Signed out: the sign-in page. Holding a one-time password: only the password change. Required to set up
 * two-step sign-in: only that. Else the app.
 */
export function Root() {
  const me = useMe();
  /** The user last signed in on this page; null after signing out. */
  const signedIn = useRef<MeResponse | null>(null);
  const { t, language, setLanguage } = useI18n();
  const savedLanguage = me.data?.user.language;
  // The language saved for the user wins when it is first seen or changes on the server.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!savedLanguage || savedLanguage === applied.current) return;
    applied.current = savedLanguage;
    if (savedLanguage !== language) setLanguage(savedLanguage);
  }, [savedLanguage, language, setLanguage]);

  if (me.isPending) {
    return (
      <Center h="100vh" aria-live="polite">
        <Loader role="status" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (me.data) signedIn.current = me.data;
  else if (signOut.byUser) signedIn.current = null;
  const previous = signedIn.current;
  // The session ran out during work: the page stays (typed text included) under a sign-in dialog.
  if (!me.data && previous && !previous.user.mustChangePassword) {
    return (
      <>
        <Layout me={previous}>
          <Outlet />
        </Layout>
        <SessionExpiredDialog userId={previous.user.id} />
      </>
    );
  }
  // The first-run page is the one page open to nobody in particular (src/modules/setup).
  if (!me.data) return window.location.pathname === '/setup' ? <SetupPage /> : <SignInPage />;
  if (me.data.user.mustChangePassword) {
    return (
      <Layout me={me.data} minimal>
        <ChangePasswordForm forced />
      </Layout>
    );
  }
  if (me.data.mfaSetupRequired) {
    return (
      <Layout me={me.data} minimal>
        <TwoStepPanel me={me.data} forced />
      </Layout>
    );
  }
  // The same shape as above, so that the page is not rebuilt when the session runs out.
  return (
    <>
      <Layout me={me.data}>
        <Outlet />
      </Layout>
      {null}
    </>
  );
}
