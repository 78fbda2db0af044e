import { Button, Result, Typography } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** a change of this key (the page's path) clears the error */
  resetKey?: string;
}

interface State {
  error: Error | undefined;
  key: string | undefined;
}

/** A chunk that failed to load: the application was redeployed, or the network dropped. */
function isChunkError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
}

/** Whatever a page throws while rendering, the screen shows what happened and a way on — never a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('页面渲染出错', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = isChunkError(error);
    return (
      <Result
        status="error"
        data-testid="error-boundary"
        title={chunk ? '页面文件加载失败' : '页面出现错误'}
        subTitle={
          chunk
            ? '可能是系统刚刚更新或网络中断，请刷新页面后重试。'
            : '请刷新页面重试；如果问题反复出现，请联系系统管理员。'
        }
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>,
          <Button key="home" onClick={() => window.location.assign('/')}>
            返回首页
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary" className="tz-mono">
          {error.message}
        </Typography.Paragraph>
      </Result>
    );
  }
}
