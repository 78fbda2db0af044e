import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { errorMessage } from './states.js';

interface Values {
  current: string;
  next: string;
  confirm: string;
}

/** 修改密码: PUT /api/session/password; a password the policy refuses shows why on the field. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.changePassword(values.current, values.next);
      message.success('密码已修改');
      form.resetFields();
      onClose();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 422 || error.status === 401 || error.status === 403)) {
        const field = error.status === 422 ? 'next' : 'current';
        const lines = [error.message, ...error.details, ...error.problems.map((p) => p.message)];
        form.setFields([{ name: field, errors: [...new Set(lines)] }]);
      } else {
        message.error(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      okText="确认修改"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="change-password-form">
        <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="next" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['next']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('next') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
