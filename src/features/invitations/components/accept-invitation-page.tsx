// /invitations/accept?org=…&token=… — the link in every invitation e-mail.
//  - Someone new arrives from Auth's invitation e-mail already signed in (session in the URL fragment)
//    but without a password: they choose one, then the invitation is accepted.
//  - Someone with an account arrives from the product's e-mail: signed in, they accept with one click;
//    signed out, they sign in (or sign up) and come back here.
import { useState, type ComponentType } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@/components/alert.tsx';
import { Button } from '@/components/button.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { toast } from '@/components/toaster.tsx';
import { getAuthRedirect, isPasswordNeeded, markPasswordNeeded } from '@/lib/auth-redirect.ts';
import { errorCode, errorMessage } from '@/lib/errors.ts';
import { ROLE_LABELS } from '@/lib/roles.ts';
import { useSession, useSignOut } from '@/lib/session.ts';
import { useAcceptInvitation, useMyOpenInvitation } from '@/features/invitations/api/accept.ts';

export interface PasswordFormProps {
  submitLabel: string;
  onDone(): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failureTitle(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/already been used/i.test(message)) return 'This invitation has already been used';
  if (/revoked/i.test(message)) return 'This invitation was revoked';
  if (/expired/i.test(message)) return 'This invitation has expired';
  if (/another e-mail/i.test(message)) return 'This invitation is for someone else';
  if (/already a member/i.test(message)) return 'You are already a member';
  if (errorCode(error) === 'P0002') return 'This invitation link is not valid';
  return 'Could not accept the invitation';
}

function SignedIn({
  orgId,
  token,
  email,
  userId,
  PasswordForm,
}: {
  orgId: string;
  token: string;
  email: string | undefined;
  userId: string;
  PasswordForm: ComponentType<PasswordFormProps>;
}) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation(userId);
  const invitation = useMyOpenInvitation(orgId, email);
  const signOut = useSignOut();
  const [needsPassword, setNeedsPassword] = useState(isPasswordNeeded);

  function acceptNow() {
    accept.mutate(
      { orgId, token },
      {
        onSuccess: () => {
          toast.success('Welcome! You joined the organisation.');
          navigate(`/?org=${encodeURIComponent(orgId)}`, { replace: true });
        },
      },
    );
  }

  if (needsPassword) {
    return (
      <StandalonePage
        title="Welcome to Ledgerline"
        description={
          <>
            Choose a password for <strong>{email}</strong>, then you join the organisation that invited you.
          </>
        }
      >
        <PasswordForm
          submitLabel="Set password and join"
          onDone={() => {
            markPasswordNeeded(false);
            setNeedsPassword(false);
            acceptNow();
          }}
        />
      </StandalonePage>
    );
  }

  const code = errorCode(accept.error);
  const wrongAccount = accept.isError && /another e-mail/i.test(errorMessage(accept.error));
  const alreadyMember = accept.isError && code === '23505';

  return (
    <StandalonePage
      title="Join the organisation"
      description={
        <>
          You are signed in as <strong>{email}</strong>.
        </>
      }
    >
      <div className="grid gap-4">
        {invitation.data && (
          <p className="m-0 text-sm">
            You are invited with the role <strong>{ROLE_LABELS[invitation.data.role]}</strong>.
          </p>
        )}
        {accept.isError && (
          <Alert title={failureTitle(accept.error)}>
            <p>{errorMessage(accept.error)}</p>
            {wrongAccount && <p>Sign out, then sign in with the address the invitation was sent to.</p>}
          </Alert>
        )}
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          {alreadyMember ? (
            <Button asChild>
              <Link to={`/?org=${encodeURIComponent(orgId)}`}>Go to the organisation</Link>
            </Button>
          ) : wrongAccount ? (
            <Button busy={signOut.isPending} onClick={() => signOut.mutate({})}>
              Sign out
            </Button>
          ) : (
            <>
              <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate({})}>
                Not you? Sign out
              </Button>
              {/* Used, revoked, expired or unknown tokens will not work on a second try; a network error may. */}
              <Button busy={accept.isPending} disabled={code === 'P0001' || code === 'P0002'} onClick={acceptNow}>
                Accept invitation
              </Button>
            </>
          )}
        </div>
      </div>
    </StandalonePage>
  );
}

export function AcceptInvitationPage({ PasswordForm }: { PasswordForm: ComponentType<PasswordFormProps> }) {
  const [params] = useSearchParams();
  const location = useLocation();
  const session = useSession();
  const orgId = params.get('org') ?? '';
  const token = params.get('token') ?? '';
  const redirect = getAuthRedirect();

  if (!UUID.test(orgId) || !token) {
    return (
      <StandalonePage title="This invitation link is incomplete" footer={<Link to="/">Go to Ledgerline</Link>}>
        <Alert>Open the link from the invitation e-mail again, or copy all of it into the address bar.</Alert>
      </StandalonePage>
    );
  }

  if (session.isPending) {
    return (
      <StandalonePage title="Join the organisation">
        <LoadingState label="Checking your invitation…" />
      </StandalonePage>
    );
  }

  if (!session.data) {
    const from = { from: `${location.pathname}${location.search}` };
    return (
      <StandalonePage
        title="You are invited to Ledgerline"
        description="Sign in with the e-mail address the invitation was sent to, or create an account with it, to join."
      >
        <div className="grid gap-4">
          {redirect.error && (
            <Alert title="The sign-in link in your e-mail did not work">
              <p>{redirect.error}</p>
              <p>If you already chose a password, sign in. Otherwise ask for a new invitation.</p>
            </Alert>
          )}
          <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" asChild>
              <Link to="/sign-up" state={from}>
                Create an account
              </Link>
            </Button>
            <Button asChild>
              <Link to="/sign-in" state={from}>
                Sign in
              </Link>
            </Button>
          </div>
        </div>
      </StandalonePage>
    );
  }

  return (
    <SignedIn
      orgId={orgId}
      token={token}
      email={session.data.user.email}
      userId={session.data.user.id}
      PasswordForm={PasswordForm}
    />
  );
}
