#version 450
// Per-vertex position and colour come from the frame's transient vertex buffer.
layout(location = 0) in vec2 inPosition;
layout(location = 1) in vec3 inColor;

layout(location = 0) out vec3 outColor;
layout(location = 1) out vec2 outUv;

void main()
{
    gl_Position = vec4(inPosition, 0.0, 1.0);
    outColor = inColor;
    // The texture is laid over the whole target, so its centre is the triangle's centre whatever the rotation.
    outUv = inPosition * 0.5 + 0.5;
}
