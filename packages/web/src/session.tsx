import type { User } from '@taizhang/contract';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, onUnauthorized, setCsrfToken } from './api/client.js';
import { api } from './api/endpoints.js';

interface SessionValue {
  /** undefined while the session is being read at start-up, null when signed out */
  user: User | null | undefined;
  /** why the user is on the sign-in page without having signed out: the session expired, the server is down */
  notice: string | undefined;
  /** true after the user signed out themselves: the next sign-in starts at home, not where they were */
  signedOut: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** The signed-in user, read from GET /api/session at start-up and dropped on any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);
  const signedIn = useRef(false);
  signedIn.current = Boolean(user);

  useEffect(() => {
    let live = true;
    onUnauthorized(() => {
      setCsrfToken(undefined);
      if (signedIn.current) setNotice('登录已过期或已在别处退出，请重新登录。');
      setUser(null);
    });
    api.session().then(
      (session) => {
        if (!live) return;
        setCsrfToken(session.csrfToken);
        setUser(session.user);
      },
      (error: unknown) => {
        if (!live) return;
        setUser(null);
        if (!(error instanceof ApiError && error.status === 401)) {
          setNotice(error instanceof Error ? error.message : '无法读取登录状态');
        }
      },
    );
    return () => {
      live = false;
      onUnauthorized(undefined);
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const session = await api.login(username, password);
    setCsrfToken(session.csrfToken);
    setNotice(undefined);
    setSignedOut(false);
    setUser(session.user);
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Signed out locally all the same; the cookie expires on its own.
    }
    setCsrfToken(undefined);
    setNotice(undefined);
    setSignedOut(true);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, notice, signedOut, login, logout }), [user, notice, signedOut, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user, for pages only reachable when signed in. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
