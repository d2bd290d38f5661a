import { Layout } from './layout';

export function SignInPage({ error }: { error?: string }) {
  return (
    <Layout title="Sign in">
      <div class="card" style="max-width:480px;margin:40px auto">
        <h1>Sign in</h1>
        <p class="muted">Paste the user token your administrator issued you (it starts with shp_usr_).</p>
        {error && <div class="notice error">{error}</div>}
        <form method="post" action="/app/sign-in">
          <p>
            <input name="token" type="password" autocomplete="off" required style="width:100%" aria-label="User token" />
          </p>
          <button type="submit">Sign in</button>
        </form>
      </div>
    </Layout>
  );
}
