import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import 'dayjs/locale/lv';
import { createTheme, MantineProvider, Modal } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUnauthenticatedHandler } from './api';
import { focusFirstField } from './components/dialog-focus';
import { LocalisedDates } from './components/localised-dates';
import { I18nProvider } from './i18n';
import { router } from './router';
import { meQueryKey } from './session';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});
// An expired session anywhere sends the user back to the sign-in page.
setUnauthenticatedHandler(() => queryClient.setQueryData(meQueryKey, null));

// Darker primary shades keep text on buttons above the WCAG AA contrast ratio.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'sm',
  components: { Modal: Modal.extend({ defaultProps: { transitionProps: { onEntered: focusFirstField } } }) },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Without a fade: a notice is either fully shown or gone (a half-faded one is unreadable, and axe says so). */}
      <Notifications position="top-right" transitionDuration={0} />
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <LocalisedDates>
            <RouterProvider router={router} />
          </LocalisedDates>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
