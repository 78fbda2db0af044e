import { Input, Space, Switch } from 'antd';

/**
 * The filter above an indicator list: a search by name or code, and a switch that narrows
 * the list to the rows still to be done (only missing values, only targets set, …).
 */
export function IndicatorFilter(props: {
  onFilter(text: string): void;
  only: boolean;
  onOnly(only: boolean): void;
  onlyLabel: string;
  /** prefix of the test ids: `${testId}-filter`, and the switch's own id */
  testId: string;
  switchTestId: string;
}) {
  return (
    <>
      <Input.Search
        allowClear
        placeholder="按名称或代码筛选"
        style={{ width: 200 }}
        onSearch={props.onFilter}
        onChange={(event) => props.onFilter(event.target.value)}
        data-testid={`${props.testId}-filter`}
      />
      <Space>
        <Switch checked={props.only} onChange={props.onOnly} data-testid={props.switchTestId} />
        <span>{props.onlyLabel}</span>
      </Space>
    </>
  );
}
