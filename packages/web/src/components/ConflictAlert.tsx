import { Alert, Button, Space } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * 保存未成功 because someone changed the thing since it was opened: what is there now, and the
 * two ways on — load theirs (when there is something to load), or overwrite it with one's own.
 */
export function ConflictAlert(props: {
  title: string;
  description: ReactNode;
  /** the button that loads the current version: 载入最新值 */
  loadLabel: string;
  /** absent when there is nothing to load (the thing no longer exists) */
  onLoad?: (() => void) | undefined;
  onOverwrite: () => void;
  /** 仍以我的输入覆盖 for a field, 仍以我的内容覆盖 for a text */
  overwriteLabel: string;
  saving?: boolean;
  /** `${testId}` on the alert, `-reload`/`-overwrite` after the kind on its buttons (indicator-conflict-X → indicator-reload-X) */
  testId?: { alert: string; reload: string; overwrite: string };
  style?: CSSProperties;
}) {
  const { testId } = props;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId?.alert}
      style={props.style}
      title={props.title}
      description={props.description}
      action={
        <Space orientation="vertical">
          {props.onLoad ? (
            <Button size="small" type="primary" data-testid={testId?.reload} onClick={props.onLoad}>
              {props.loadLabel}
            </Button>
          ) : null}
          <Button
            size="small"
            danger
            loading={props.saving ?? false}
            data-testid={testId?.overwrite}
            onClick={props.onOverwrite}
          >
            {props.overwriteLabel}
          </Button>
        </Space>
      }
    />
  );
}
