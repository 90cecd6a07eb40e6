import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { toast } from '@/components/toaster.tsx';
import { getAuthRedirect } from '@/lib/auth-redirect.ts';
import { useSession } from '@/lib/session.ts';
import { NewPasswordForm } from '@/features/auth/components/new-password-form.tsx';

/**
 * Where the recovery e-mail's link lands: Auth redirects here with a recovery session in the URL
 * fragment, which auth-js turns into a session; the user then chooses a new password.
 */
export function ResetPasswordPage() {
  const session = useSession();
  const navigate = useNavigate();
  const redirect = getAuthRedirect();

  if (session.isPending) {
    return (
      <StandalonePage title="Choose a new password">
        <LoadingState label="Checking your link…" />
      </StandalonePage>
    );
  }

  if (!session.data) {
    return (
      <StandalonePage title="This link does not work" footer={<Link to="/sign-in">Back to sign in</Link>}>
        <div className="grid gap-4">
          <Alert title="The password reset link is invalid or has expired">
            {redirect.error ?? 'Links from password reset e-mails work once and expire after an hour.'}
          </Alert>
          <Link to="/forgot-password">Send a new link</Link>
        </div>
      </StandalonePage>
    );
  }

  return (
    <StandalonePage
      title="Choose a new password"
      description={
        <>
          For <strong>{session.data.user.email}</strong>.
        </>
      }
    >
      <NewPasswordForm
        submitLabel="Save new password"
        onDone={() => {
          toast.success('Your password was changed');
          navigate('/', { replace: true });
        }}
      />
    </StandalonePage>
  );
}
